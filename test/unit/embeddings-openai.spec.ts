import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import {
  EmbeddingRequestError,
  EmbeddingUnavailableError,
  embeddingFailure,
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

  it('reports a 429 as unavailable, with the wait retry-after (seconds) asks for, in one request', async () => {
    const rateLimited = answer(
      429,
      { error: { message: 'Rate limit reached' } },
      { 'retry-after': '7' },
    );
    const { embedder, requests } = await embedderFor([rateLimited, ok]);
    const error = await embedder.embedDocuments(['abc']).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingUnavailableError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7000 });
    expect((error as Error).message).toMatch(/answered 429: Rate limit reached/);
    expect(requests).toHaveLength(1);
  });

  it('reads retry-after as an HTTP-date too', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    const { embedder } = await embedderFor([answer(503, 'slow down', { 'retry-after': at })]);
    const error = (await embedder.embedQuery('ab').catch((err: unknown) => err)) as {
      retryAfterMs: number;
    };
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it.each([500, 502, 503, 408])(
    'reports %i as unavailable without retrying it itself',
    async (status) => {
      const { embedder, requests } = await embedderFor([
        answer(status, { error: { message: 'down' } }),
        ok,
      ]);
      await expect(embedder.embedQuery('ab')).rejects.toBeInstanceOf(EmbeddingUnavailableError);
      expect(requests).toHaveLength(1);
    },
  );

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

  it('times out a slow answer as unavailable', async () => {
    const slow = (req: ReceivedRequest): ScriptedAnswer => ({ ...ok(req), delayMs: 1_000 });
    const { embedder, requests } = await embedderFor([slow], { timeoutMs: 100 });
    await expect(embedder.embedQuery('ab')).rejects.toThrow(/did not answer within 100 ms/);
    expect(requests).toHaveLength(1);
  });

  it('reports a server it cannot reach as unavailable', async () => {
    const { embedder } = await embedderFor([ok]);
    await server?.close();
    const error = await embedder.embedQuery('x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddingUnavailableError);
    expect((error as Error).message).toMatch(/could not be reached: .*ECONNREFUSED/);
  });

  it('stops the request in flight when the caller aborts', async () => {
    const slow = (req: ReceivedRequest): ScriptedAnswer => ({ ...ok(req), delayMs: 10_000 });
    const { embedder } = await embedderFor([slow]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('activity cancelled')), 100);
    await expect(embedder.embedQuery('x', controller.signal)).rejects.toThrow('activity cancelled');
  });
});

describe('embeddingFailure: what Temporal makes of a failed embedding call', () => {
  it('fails a rejected request at once, with the provider message', () => {
    const failure = embeddingFailure(new EmbeddingRequestError(401, 'x answered 401: bad key'));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      nonRetryable: true,
      type: 'EmbeddingRequestError',
      message: 'x answered 401: bad key',
    });
  });

  it('retries an outage after the delay the provider asked for', () => {
    const failure = embeddingFailure(
      new EmbeddingUnavailableError('x answered 429: slow', 429, 3000),
    );
    expect(failure).toMatchObject({ nonRetryable: false, type: 'EmbeddingRateLimited' });
    expect(failure?.nextRetryDelay).toBe(3000);
    const down = embeddingFailure(new EmbeddingUnavailableError('x answered 503: down', 503));
    expect(down).toMatchObject({ nonRetryable: false, type: 'EmbeddingUnavailable' });
    expect(down?.nextRetryDelay).toBeUndefined();
  });

  it('leaves other errors to the caller', () => {
    expect(embeddingFailure(new Error('boom'))).toBeUndefined();
  });
});
