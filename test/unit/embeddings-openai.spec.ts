import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EmbeddingRequestError,
  OpenAiCompatibleEmbedder,
  type OpenAiCompatibleEmbedderOptions,
} from '../../src/knowledge/embeddings';

interface ScriptedAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

interface ReceivedRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: { model: string; input: string[] };
}

/** Vectors whose content tells which input they belong to: [input length, 1, 0]. */
function embeddingsAnswer(input: string[], dimensions = 3): ScriptedAnswer {
  const data = input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: [text.length, 1, 0, 0].slice(0, dimensions),
  }));
  // Servers may list items out of order; `index` is what counts.
  return {
    status: 200,
    body: JSON.stringify({ object: 'list', data: data.reverse(), model: 'm' }),
  };
}

const ok = (req: ReceivedRequest): ScriptedAnswer => embeddingsAnswer(req.body.input);
const answer =
  (status: number, body: unknown, headers?: Record<string, string>) => (): ScriptedAnswer => ({
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });

/** A real HTTP server on a free port that plays a script, one answer per request (the last repeats). */
async function scriptedServer(script: Array<(req: ReceivedRequest) => ScriptedAnswer>) {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedRequest['body'],
      };
      requests.push(received);
      const reply = script[Math.min(requests.length, script.length) - 1](received);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.body);
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function embedderFor(
  script: Array<(req: ReceivedRequest) => ScriptedAnswer>,
  options: Partial<OpenAiCompatibleEmbedderOptions> = {},
) {
  server = await scriptedServer(script);
  const embedder = new OpenAiCompatibleEmbedder({
    baseUrl: server.baseUrl,
    apiKey: 'sk-test',
    model: 'text-embedding-test',
    retryBaseDelayMs: 5,
    maxAttempts: 3,
    ...options,
  });
  return { embedder, requests: server.requests };
}

describe('OpenAiCompatibleEmbedder against a local OpenAI-style server', () => {
  it('posts batches to /embeddings with the bearer key and keeps input order', async () => {
    const { embedder, requests } = await embedderFor([ok], { batchSize: 2 });
    expect(embedder.dimensions).toBe(0);
    const vectors = await embedder.embedDocuments(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    expect(vectors.map((v) => v[0])).toEqual([1, 2, 3, 4, 5]);
    expect(embedder.dimensions).toBe(3);
    expect(requests.map((r) => r.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/v1/embeddings' });
    expect(requests[0].headers.authorization).toBe('Bearer sk-test');
    expect(requests[0].body).toEqual({ model: 'text-embedding-test', input: ['a', 'bb'] });
    expect(await embedder.embedQuery('xyz')).toEqual([3, 1, 0]);
  });

  it('waits as long as retry-after (seconds) says after a 429, then succeeds', async () => {
    const rateLimited = answer(
      429,
      { error: { message: 'Rate limit reached' } },
      { 'retry-after': '1' },
    );
    const { embedder, requests } = await embedderFor([rateLimited, ok]);
    const started = Date.now();
    expect(await embedder.embedDocuments(['abc'])).toEqual([[3, 1, 0]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(requests).toHaveLength(2);
  });

  it('accepts retry-after as an HTTP-date', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { embedder, requests } = await embedderFor([
      answer(429, 'slow down', { 'retry-after': past }),
      ok,
    ]);
    expect(await embedder.embedQuery('ab')).toEqual([2, 1, 0]);
    expect(requests).toHaveLength(2);
  });

  it('retries a 500 with backoff', async () => {
    const { embedder, requests } = await embedderFor([answer(500, 'upstream exploded'), ok]);
    expect(await embedder.embedQuery('ab')).toEqual([2, 1, 0]);
    expect(requests).toHaveLength(2);
  });

  it('gives up after maxAttempts, saying what the server answered', async () => {
    const { embedder, requests } = await embedderFor([
      answer(503, { error: { message: 'overloaded' } }),
    ]);
    await expect(embedder.embedQuery('x')).rejects.toThrow(
      /answered 503: overloaded \(gave up after 3 attempts\)/,
    );
    expect(requests).toHaveLength(3);
  });

  it('does not retry a 401 and reports the provider message', async () => {
    const denied = answer(401, {
      error: { message: 'Incorrect API key provided: sk-test', type: 'invalid_request_error' },
    });
    const { embedder, requests } = await embedderFor([denied]);
    const error = await embedder.embedQuery('x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingRequestError);
    expect(error).toMatchObject({ name: 'EmbeddingRequestError', status: 401 });
    expect((error as Error).message).toMatch(
      /\/v1\/embeddings answered 401: Incorrect API key provided/,
    );
    expect(requests).toHaveLength(1);
  });

  it.each([
    [400, { error: { message: "'input' must not be empty" } }, "'input' must not be empty"],
    [404, { error: { message: 'The model does not exist' } }, 'The model does not exist'],
    [422, { detail: [{ msg: 'field required' }] }, 'field required'],
  ])('treats %i as final', async (status, body, message) => {
    const { embedder, requests } = await embedderFor([answer(status, body)]);
    await expect(embedder.embedQuery('x')).rejects.toMatchObject({
      status,
      message: expect.stringContaining(message) as string,
    });
    expect(requests).toHaveLength(1);
  });

  it('rejects a body that is not JSON without retrying', async () => {
    const { embedder, requests } = await embedderFor([answer(200, '<html>login page</html>')]);
    await expect(embedder.embedQuery('x')).rejects.toThrow(
      /answered 200 with a body that is not JSON/,
    );
    expect(requests).toHaveLength(1);
  });

  it('rejects vectors of another length than configured', async () => {
    const { embedder } = await embedderFor([ok], { dimensions: 1024 });
    await expect(embedder.embedQuery('x')).rejects.toThrow(/3-dimensional vector .* expected 1024/);
  });

  it('times out a slow answer and retries it', async () => {
    const slow = (req: ReceivedRequest): ScriptedAnswer => ({ ...ok(req), delayMs: 1_000 });
    const { embedder, requests } = await embedderFor([slow, ok], { timeoutMs: 100 });
    expect(await embedder.embedQuery('ab')).toEqual([2, 1, 0]);
    expect(requests).toHaveLength(2);
  });

  it('retries network errors, then reports them', async () => {
    const { embedder } = await embedderFor([ok], { maxAttempts: 2 });
    await server?.close();
    await expect(embedder.embedQuery('x')).rejects.toThrow(
      /could not be reached: .*ECONNREFUSED.*gave up after 2 attempts/,
    );
  });

  it('fails at once when retry-after asks for more than it will wait', async () => {
    const { embedder, requests } = await embedderFor([
      answer(429, 'later', { 'retry-after': '120' }),
    ]);
    await expect(embedder.embedQuery('x')).rejects.toThrow(/retry after 120 s/);
    expect(requests).toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const { embedder } = await embedderFor([answer(500, 'down')], { retryBaseDelayMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('activity cancelled')), 100);
    await expect(embedder.embedQuery('x', controller.signal)).rejects.toThrow('activity cancelled');
  });
});
