import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { AnthropicTestServer } from '../support/anthropic-test-server';
import { readEvents } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
];

/** Claude through ChatAnthropic, against a local server speaking Anthropic's messages API. */
describe('an ask task with an Anthropic model, against a local server speaking that protocol', () => {
  const server = new AnthropicTestServer();
  let t: TestApp;
  const kb = `claude-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const baseUrl = await server.start();
    t = await startTestApp({
      QUARRY_MODEL: 'anthropic:claude-test',
      QUARRY_ANTHROPIC_BASE_URL: baseUrl,
      QUARRY_ANTHROPIC_API_KEY: 'sk-ant-test',
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, { documents: DOCS });
  });
  afterAll(async () => {
    await t?.close();
    await server.stop();
  });

  it('answers through every role with forced-tool replies, the generator streamed, with checked citations', async () => {
    const before = server.requests.length;
    const started = await call(t.url, 'POST', '/v1/tasks', {
      question: '混合检索是什么？',
      collection: kb,
    });
    const events = await readEvents(`${t.url}/v1/tasks/${started.body.id as string}/events`, {});
    const done = events.at(-1)!;
    expect(done.event).toBe('completed');
    const task = done.data as {
      result: { abstained: boolean; citations: { quote: string }[] };
      usage: { modelCalls: number; inputTokens: number };
    };
    expect(task.result.abstained).toBe(false);
    expect(task.result.citations.length).toBeGreaterThan(0);
    for (const c of task.result.citations) expect(DOCS[0].text).toContain(c.quote);
    const sent = server.requests.slice(before).map((r) => r.body);
    // grade, generate, checkGrounding and checkAnswer each asked with a forced tool.
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const body of sent)
      expect(body.tool_choice).toMatchObject({ type: 'tool', name: 'reply' });
    expect(sent.some((b) => b.stream === true)).toBe(true);
    expect(task.usage.modelCalls).toBe(sent.length);
    expect(task.usage.inputTokens).toBe(30 * sent.length);
  });
});
