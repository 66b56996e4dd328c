import { ModelCallError, OpenAiCompatibleChatModel, retryAfterMs } from '../../src/models/chat';
import { OpenAiTestServer } from '../support/openai-test-server';

describe('OpenAiCompatibleChatModel against a local server speaking the protocol', () => {
  const server = new OpenAiTestServer();
  let model: OpenAiCompatibleChatModel;

  beforeAll(async () => {
    const baseUrl = await server.start();
    model = new OpenAiCompatibleChatModel({
      baseUrl,
      apiKey: 'sk-test',
      model: 'qwen-plus',
      timeoutMs: 2000,
      jsonMode: 'json_schema',
    });
  });
  afterAll(() => server.stop());

  const ask = (schema?: Record<string, unknown>, signal?: AbortSignal) =>
    model.chat({ system: 'You are terse.', prompt: 'Say hi', schema, signal });

  it('sends the system and user messages, the schema as response_format, and reads usage', async () => {
    const reply = await ask({ type: 'object' });
    expect(reply).toEqual({ text: 'rewritten query', inputTokens: 100, outputTokens: 20 });
    const sent = server.requests.at(-1)!;
    expect(sent.model).toBe('qwen-plus');
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(sent.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'reply', schema: { type: 'object' } },
    });
  });

  it('classifies 429 as retryable after the time the provider asked for', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '3' } });
    const err = (await ask().catch((e: unknown) => e)) as ModelCallError;
    expect(err).toBeInstanceOf(ModelCallError);
    expect(err).toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000 });
  });

  it.each([400, 401, 403, 422])(
    'classifies %i as rejected, with the provider message',
    async (status) => {
      server.enqueue({ status, body: { error: { message: 'Incorrect API key provided' } } });
      const err = (await ask().catch((e: unknown) => e)) as ModelCallError;
      expect(err.retryable).toBe(false);
      expect(err.message).toContain(`HTTP ${status}: Incorrect API key provided`);
    },
  );

  it('classifies 500 and 503 as retryable', async () => {
    server.enqueue({ status: 500 }, { status: 503 });
    for (let i = 0; i < 2; i++) {
      expect(((await ask().catch((e: unknown) => e)) as ModelCallError).retryable).toBe(true);
    }
  });

  it('times out a server that never answers, as a retryable error', async () => {
    server.enqueue({ hang: true });
    const err = (await ask().catch((e: unknown) => e)) as ModelCallError;
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('no reply within 2000 ms');
  });

  it('aborts the request in flight when the caller cancels', async () => {
    await new Promise((r) => setTimeout(r, 100)); // the previous test's hung request closes first
    server.enqueue({ hang: true });
    const before = server.aborted;
    const controller = new AbortController();
    const pending = ask(undefined, controller.signal);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.aborted).toBe(before + 1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    const now = Date.parse('2026-11-28T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 28 Nov 2026 00:00:05 GMT' }), now)).toBe(
      5000,
    );
    expect(retryAfterMs(new Headers())).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});
