import { z } from 'zod';
import { loadConfig } from '../../src/config/config';
import { askChat, ChatModelFactory, ModelCallError, retryAfterMs } from '../../src/models/chat';
import { OpenAiTestServer } from '../support/openai-test-server';

const reply = z.object({ answered: z.boolean(), missing: z.array(z.string()) });

describe('the OpenAI family (ChatOpenAI) against a local server speaking the protocol', () => {
  const server = new OpenAiTestServer();
  let models: ChatModelFactory;

  beforeAll(async () => {
    const baseUrl = await server.start();
    const config = loadConfig({
      QUARRY_OPENAI_BASE_URL: baseUrl,
      QUARRY_OPENAI_API_KEY: 'sk-test',
      QUARRY_QWEN_BASE_URL: baseUrl,
      QUARRY_SPARK_BASE_URL: baseUrl,
      QUARRY_MODEL_TIMEOUT_MS: '2000',
    });
    models = new ChatModelFactory(config.chat, '/nonexistent.gguf');
  });
  afterAll(() => server.stop());

  const ask = <R>(
    schema: z.ZodType<R>,
    extra: { signal?: AbortSignal; onToken?: (t: string) => void; spec?: string } = {},
  ) =>
    askChat(models.forSpec(extra.spec ?? 'openai:gpt-4o-mini')!, {
      system: 'You are terse.',
      prompt: 'Did the draft answer?',
      schema,
      ...(extra.signal ? { signal: extra.signal } : {}),
      ...(extra.onToken ? { onToken: extra.onToken } : {}),
    });

  it('asks through withStructuredOutput: strict json_schema, system and user messages, usage read', async () => {
    server.enqueue({ content: '{"answered":true,"missing":[]}' });
    const answer = await ask(reply);
    expect(answer).toEqual({
      value: { answered: true, missing: [] },
      calls: 1,
      inputTokens: 100,
      outputTokens: 20,
    });
    const sent = server.requests.at(-1)!;
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Did the draft answer?' },
    ]);
    expect(sent.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: {
        name: 'reply',
        strict: true,
        schema: { type: 'object', required: ['answered', 'missing'], additionalProperties: false },
      },
    });
    expect(sent.stream).toBeFalsy();
  });

  it('streams when asked: tokens arrive as server-sent events, the reply is still checked', async () => {
    server.enqueue({ content: '{"answered":false,"missing":["when"]}' });
    const tokens: string[] = [];
    const answer = await ask(reply, { onToken: (t) => tokens.push(t) });
    expect(server.requests.at(-1)!.stream).toBe(true);
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokens.join('')).toBe('{"answered":false,"missing":["when"]}');
    expect(answer.value).toEqual({ answered: false, missing: ['when'] });
    expect(answer.inputTokens).toBe(100);
  });

  it('checked fallback: a reply that does not match gets one repair request naming the problem', async () => {
    server.enqueue(
      { content: '{"answered":"yes"}' },
      { content: '{"answered":true,"missing":[]}' },
    );
    const before = server.requests.length;
    const answer = await ask(reply);
    expect(answer.value).toEqual({ answered: true, missing: [] });
    expect(answer.calls).toBe(2);
    const repair = server.requests[before + 1];
    expect(repair.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair.messages[3].content).toContain('answered');
  });

  it('gives up after one repair: the node reads undefined', async () => {
    server.enqueue({ content: 'no json' }, { content: 'still none' });
    const answer = await ask(reply);
    expect(answer).toMatchObject({ value: undefined, calls: 2 });
  });

  it('json_object providers get JSON mode and the schema in the instructions', async () => {
    server.enqueue({ content: '```json\n{"answered":true,"missing":[]}\n```' });
    const answer = await ask(reply, { spec: 'qwen:qwen-plus' });
    expect(answer.value).toEqual({ answered: true, missing: [] });
    const sent = server.requests.at(-1)!;
    expect(sent.response_format).toEqual({ type: 'json_object' });
    expect(sent.messages[0].content).toContain('"required":["answered","missing"]');
  });

  it('prompt-only providers send no response_format; the reply is parsed and checked', async () => {
    server.enqueue({ content: 'Here: {"answered":true,"missing":[]}' });
    const answer = await ask(reply, { spec: 'spark:generalv3.5' });
    expect(answer.value).toEqual({ answered: true, missing: [] });
    expect(server.requests.at(-1)!.response_format).toBeUndefined();
  });

  it('classifies 429 as retryable after the time the provider asked for', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '3' } });
    const err = (await ask(reply).catch((e: unknown) => e)) as ModelCallError;
    expect(err).toBeInstanceOf(ModelCallError);
    expect(err).toMatchObject({ retryable: true, status: 429, retryAfterMs: 3000 });
  });

  it.each([400, 401, 403, 404, 422])(
    'classifies %i as rejected, with the provider message',
    async (status) => {
      server.enqueue({ status, body: { error: { message: 'Incorrect API key provided' } } });
      const err = (await ask(reply).catch((e: unknown) => e)) as ModelCallError;
      expect(err).toBeInstanceOf(ModelCallError);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain(`HTTP ${status}: Incorrect API key provided`);
    },
  );

  it('classifies 500 and 503 as retryable', async () => {
    server.enqueue({ status: 500 }, { status: 503 });
    for (let i = 0; i < 2; i++) {
      const err = (await ask(reply).catch((e: unknown) => e)) as ModelCallError;
      expect(err).toBeInstanceOf(ModelCallError);
      expect(err.retryable).toBe(true);
    }
  });

  it('times out a server that never answers, as a retryable error', async () => {
    server.enqueue({ hang: true });
    const err = (await ask(reply).catch((e: unknown) => e)) as ModelCallError;
    expect(err).toBeInstanceOf(ModelCallError);
    expect(err.retryable).toBe(true);
  });

  it('aborts the request in flight when the caller cancels', async () => {
    await new Promise((r) => setTimeout(r, 100)); // the previous test's hung request closes first
    server.enqueue({ hang: true });
    const before = server.aborted;
    const controller = new AbortController();
    const pending = ask(reply, { signal: controller.signal });
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
