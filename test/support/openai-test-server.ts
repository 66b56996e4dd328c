import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANSWER_CHECK_SYSTEM } from '../../src/agent/nodes/check-answer';
import { GROUNDING_SYSTEM } from '../../src/agent/nodes/check-grounding';
import { GENERATOR_SYSTEM } from '../../src/agent/nodes/generate';
import { GRADER_SYSTEM } from '../../src/agent/nodes/grade';

export interface ChatCompletionRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name?: string; schema: unknown; strict?: boolean };
  };
  max_tokens?: number;
  stream?: boolean;
}

/** What the server does with one request: fail with a status, never answer, pass (the model's
 * reply), or answer with the given content. */
export type Scripted =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: true }
  | { pass: true }
  | { content: string };

/**
 * A local HTTP server speaking OpenAI's /chat/completions protocol, for tests of the real client,
 * retries and cancellation. Scripted responses are served first, in order; after them it plays a
 * plausible, deterministic model: it marks every document relevant, answers with the first
 * document's first sentence citing document 1, and finds every sentence supported.
 */
export class OpenAiTestServer {
  readonly requests: ChatCompletionRequest[] = [];
  /** Inputs of each POST /v1/embeddings, in order. */
  readonly embeddingRequests: string[][] = [];
  /** Length of the vectors /v1/embeddings returns. */
  embeddingDimensions = 8;
  private readonly embeddingScript: Scripted[] = [];
  /** Requests whose client went away before a reply (a cancelled call). */
  aborted = 0;
  /** Hanging /v1/embeddings requests whose client went away (a timed-out or cancelled call). */
  abortedEmbeddings = 0;
  /** Wait this long before each chat reply (a model that takes its time). */
  replyDelayMs = 0;
  private readonly script: Scripted[] = [];
  private hold?: StreamHold;
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Serve these before playing the model (e.g. a 429 with retry-after, then normal replies). */
  enqueue(...responses: Scripted[]): void {
    this.script.push(...responses);
  }

  /**
   * The next streamed reply pauses once it has sent `afterChars` characters of content, until
   * `release()`: a test acts while an answer is half written. `reached` resolves at the pause.
   */
  holdNextStream(afterChars: number): { reached: Promise<void>; release: () => void } {
    let paused!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((r) => (paused = r));
    const released = new Promise<void>((r) => (release = r));
    this.hold = { afterChars, paused, released };
    return { reached, release };
  }

  /** Serve these to embedding requests before computing vectors. */
  enqueueEmbeddings(...responses: Scripted[]): void {
    this.embeddingScript.push(...responses);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === '/v1/embeddings' && req.method === 'POST') {
      const { input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string[] };
      this.embeddingRequests.push(input);
      const scripted = this.embeddingScript.shift();
      if (scripted && 'hang' in scripted) {
        this.hanging.add(res);
        res.on('close', () => {
          if (!res.writableEnded) this.abortedEmbeddings++;
          this.hanging.delete(res);
        });
        return;
      }
      if (scripted && 'status' in scripted) {
        res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
        res.end(
          JSON.stringify(scripted.body ?? { error: { message: `scripted ${scripted.status}` } }),
        );
        return;
      }
      const data = input.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: textVector(text, this.embeddingDimensions),
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: 'test-embedding' }));
      return;
    }
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatCompletionRequest;
    this.requests.push(body);
    let scripted = this.script.shift();
    if (scripted && 'pass' in scripted) scripted = undefined; // this one gets the model's reply
    if (scripted && 'hang' in scripted) {
      this.hanging.add(res);
      res.on('close', () => {
        if (!res.writableEnded) this.aborted++;
        this.hanging.delete(res);
      });
      return;
    }
    if (scripted && 'status' in scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(
        JSON.stringify(scripted.body ?? { error: { message: `scripted ${scripted.status}` } }),
      );
      return;
    }
    const content = scripted && 'content' in scripted ? scripted.content : playModel(body);
    if (this.replyDelayMs) await new Promise((r) => setTimeout(r, this.replyDelayMs));
    if (body.stream) {
      const hold = this.hold;
      this.hold = undefined;
      this.hanging.add(res);
      await streamReply(res, body.model, content, hold);
      this.hanging.delete(res);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      }),
    );
  }
}

interface StreamHold {
  afterChars: number;
  paused: () => void;
  released: Promise<void>;
}

/** A deterministic unit vector from the text's characters: similar texts, similar vectors. */
function textVector(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const char of text) v[(char.codePointAt(0) ?? 0) % dimensions] += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm + 0.001);
}

/**
 * The reply as OpenAI streams it: server-sent events of `chat.completion.chunk`, a few characters
 * each, then the usage chunk (`stream_options.include_usage`) and `[DONE]`.
 */
async function streamReply(
  res: ServerResponse,
  model: string,
  content: string,
  hold?: StreamHold,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    event({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  chunk({ role: 'assistant', content: '' });
  let held = false;
  for (let i = 0; i < content.length; i += 8) {
    chunk({ content: content.slice(i, i + 8) });
    if (hold && !held && i + 8 >= hold.afterChars) {
      held = true;
      hold.paused();
      await hold.released;
      if (res.destroyed) return;
    }
  }
  chunk({}, 'stop');
  event({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    model,
    choices: [],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  });
  res.end('data: [DONE]\n\n');
}

export function playModel(body: ChatCompletionRequest): string {
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  const prompt = body.messages.find((m) => m.role === 'user')?.content ?? '';
  const documents = [...prompt.matchAll(/<document id="(\d+)"[^>]*>\n([\s\S]*?)\n<\/document>/g)];
  if (system.startsWith(GRADER_SYSTEM)) {
    return JSON.stringify({
      grades: documents.map((d) => ({ id: Number(d[1]), relevant: true, score: 0.9 })),
    });
  }
  if (system.startsWith(GENERATOR_SYSTEM)) {
    const first = documents[0]?.[2] ?? '';
    const sentence =
      first
        .replace(/^#.*\n+/gm, '')
        .split(/(?<=[。.!?！？])/u)[0]
        ?.trim() ?? '';
    return JSON.stringify({ sentences: sentence ? [{ text: sentence, document: 1 }] : [] });
  }
  if (system.startsWith(GROUNDING_SYSTEM)) {
    const fenced = prompt.split('Answer sentences:\n')[1] ?? '';
    const lines = fenced.split('\n').filter((line) => /^\d+: /.test(line));
    return JSON.stringify({ sentences: lines.map((_, index) => ({ index, supported: true })) });
  }
  if (system.startsWith(ANSWER_CHECK_SYSTEM))
    return JSON.stringify({ answered: true, missing: [] });
  return 'rewritten query';
}
