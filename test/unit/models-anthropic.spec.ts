import { z } from 'zod';
import { loadConfig } from '../../src/config/config';
import { askChat, ChatModelFactory, ModelCallError } from '../../src/models/chat';
import { AnthropicTestServer } from '../support/anthropic-test-server';

const reply = z.object({ answered: z.boolean(), missing: z.array(z.string()) });

describe('the Anthropic family (ChatAnthropic) against a local server speaking the messages API', () => {
  const server = new AnthropicTestServer();
  let models: ChatModelFactory;

  beforeAll(async () => {
    const baseUrl = await server.start();
    const config = loadConfig({
      QUARRY_ANTHROPIC_BASE_URL: baseUrl,
      QUARRY_ANTHROPIC_API_KEY: 'sk-ant-test',
      QUARRY_MODEL_TIMEOUT_MS: '5000',
    });
    models = new ChatModelFactory(config.chat, '/unused.gguf');
  });
  afterAll(() => server.stop());

  const model = () => models.forSpec('anthropic:claude-3-5-haiku-latest')!;

  it('structured reply: the schema is a forced tool, its input is the checked reply', async () => {
    server.enqueue({ tool: { answered: true, missing: [] } });
    const answer = await askChat(model(), { system: 'Judge.', prompt: 'Answered?', schema: reply });
    expect(answer).toEqual({
      value: { answered: true, missing: [] },
      calls: 1,
      inputTokens: 30,
      outputTokens: 12,
    });
    const { body, headers } = server.requests.at(-1)!;
    expect(headers['x-api-key']).toBe('sk-ant-test');
    expect(body.system).toBe('Judge.');
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'reply' });
    expect(body.tools?.[0]).toMatchObject({ name: 'reply', input_schema: { type: 'object' } });
  });

  it('streams when asked: text deltas reach the token listener', async () => {
    server.enqueue({ text: 'hybrid search alpha weight' });
    const tokens: string[] = [];
    const answer = await askChat(model(), {
      system: 'Rewrite.',
      prompt: 'q',
      schema: z.string(),
      onToken: (t) => tokens.push(t),
    });
    expect(server.requests.at(-1)!.body.stream).toBe(true);
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokens.join('')).toBe('hybrid search alpha weight');
    expect(answer).toMatchObject({ value: 'hybrid search alpha weight', inputTokens: 30 });
  });

  it('a streamed structured reply is assembled and checked', async () => {
    server.enqueue({ tool: { answered: false, missing: ['when'] } });
    const answer = await askChat(model(), {
      system: 'Judge.',
      prompt: 'Answered?',
      schema: reply,
      onToken: () => undefined,
    });
    expect(server.requests.at(-1)!.body.stream).toBe(true);
    expect(answer.value).toEqual({ answered: false, missing: ['when'] });
  });

  it('429 is retryable after retry-after; 401 fails at once with the provider message', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '2' } });
    const limited = (await askChat(model(), { system: 's', prompt: 'p', schema: reply }).catch(
      (e: unknown) => e,
    )) as ModelCallError;
    expect(limited).toBeInstanceOf(ModelCallError);
    expect(limited).toMatchObject({ retryable: true, status: 429, retryAfterMs: 2000 });
    server.enqueue({
      status: 401,
      body: {
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      },
    });
    const rejected = (await askChat(model(), { system: 's', prompt: 'p', schema: reply }).catch(
      (e: unknown) => e,
    )) as ModelCallError;
    expect(rejected.retryable).toBe(false);
    expect(rejected.message).toContain('HTTP 401: invalid x-api-key');
  });
});
