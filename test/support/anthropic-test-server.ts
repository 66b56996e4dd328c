import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { playModel } from './openai-test-server';

export interface MessagesRequest {
  model: string;
  system?: string;
  messages: { role: string; content: unknown }[];
  max_tokens: number;
  stream?: boolean;
  tools?: { name: string; input_schema: unknown }[];
  tool_choice?: { type: string; name?: string };
}

/** One scripted answer: an HTTP failure, or a reply (text, or a tool call's input). */
export type AnthropicScripted =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { text: string }
  | { tool: Record<string, unknown> };

/**
 * A local HTTP server speaking Anthropic's messages API (POST /v1/messages), plain and streamed
 * (server-sent events: message_start, content_block_*, message_delta, message_stop), for tests of
 * the real ChatAnthropic client. Replies come from the script, in order; after it, the server
 * plays the same deterministic model as the OpenAI test server.
 */
export class AnthropicTestServer {
  readonly requests: { body: MessagesRequest; headers: IncomingMessage['headers'] }[] = [];
  private readonly script: AnthropicScripted[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  enqueue(...replies: AnthropicScripted[]): void {
    this.script.push(...replies);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url !== '/v1/messages' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as MessagesRequest;
    this.requests.push({ body, headers: req.headers });
    const next = this.script.shift() ?? play(body);
    if ('status' in next) {
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(
        JSON.stringify(
          next.body ?? {
            type: 'error',
            error: { type: 'api_error', message: `scripted ${next.status}` },
          },
        ),
      );
      return;
    }
    const block =
      'text' in next
        ? { type: 'text', text: next.text }
        : {
            type: 'tool_use',
            id: 'toolu_test',
            name: body.tools?.[0]?.name ?? 'reply',
            input: next.tool,
          };
    const usage = { input_tokens: 30, output_tokens: 12 };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [block],
          stop_reason: block.type === 'tool_use' ? 'tool_use' : 'end_turn',
          stop_sequence: null,
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event: string, data: Record<string, unknown>) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    send('message_start', {
      message: {
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
      },
    });
    const whole = 'text' in next ? next.text : JSON.stringify(next.tool);
    send('content_block_start', {
      index: 0,
      content_block: 'text' in next ? { type: 'text', text: '' } : { ...block, input: {} },
    });
    for (let i = 0; i < whole.length; i += 6) {
      const piece = whole.slice(i, i + 6);
      send('content_block_delta', {
        index: 0,
        delta:
          'text' in next
            ? { type: 'text_delta', text: piece }
            : { type: 'input_json_delta', partial_json: piece },
      });
    }
    send('content_block_stop', { index: 0 });
    send('message_delta', {
      delta: {
        stop_reason: block.type === 'tool_use' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
      },
      usage: { output_tokens: usage.output_tokens },
    });
    send('message_stop', {});
    res.end();
  }
}

/** The OpenAI test server's model, asked the same question: a tool input when a tool is forced. */
function play(body: MessagesRequest): AnthropicScripted {
  const text = (content: unknown): string =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((c: { text?: string }) => c.text ?? '').join('')
        : '';
  const reply = playModel({
    model: body.model,
    messages: [
      { role: 'system', content: body.system ?? '' },
      ...body.messages.map((m) => ({ role: m.role, content: text(m.content) })),
    ],
  });
  return body.tools?.length
    ? { tool: JSON.parse(reply) as Record<string, unknown> }
    : { text: reply };
}
