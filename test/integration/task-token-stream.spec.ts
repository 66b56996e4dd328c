import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { OpenAiTestServer } from '../support/openai-test-server';
import { readEvents, type SseEvent } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
];

interface Token {
  node: string;
  draft: string;
  text: string;
}

/**
 * Tokens streamed live with the worker inside the API (the local default): the generate step's
 * model call streams (OpenAI server-sent events from a local server speaking the protocol), and
 * the task's event stream shows the answer's text as `token` events before the durable result.
 */
describe('GET /v1/tasks/:id/events streams the answer as it is written', () => {
  const server = new OpenAiTestServer();
  let t: TestApp;
  const kb = `tokens-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const baseUrl = await server.start();
    t = await startTestApp({
      QUARRY_MODEL: 'extractive',
      QUARRY_MODEL_GENERATOR: 'openai:test-model',
      QUARRY_OPENAI_BASE_URL: baseUrl,
      QUARRY_OPENAI_API_KEY: 'sk-test',
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, { documents: DOCS });
  });
  afterAll(async () => {
    await t?.close();
    await server.stop();
  });

  it('sends token events of the generate step before the final answer; a late client gets the answer', async () => {
    // The model takes its time, so the stream is open before the answer is written.
    server.replyDelayMs = 500;
    const before = server.requests.length;
    const started = await call(t.url, 'POST', '/v1/tasks', {
      question: '混合检索是什么？',
      collection: kb,
    });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    const events = await readEvents(`${t.url}/v1/tasks/${id}/events`, {});

    const completed = events.findIndex((e) => e.event === 'completed');
    expect(completed).toBeGreaterThan(0);
    const tokens = events.filter((e: SseEvent) => e.event === 'token').map((e) => e.data as Token);
    expect(tokens.length).toBeGreaterThan(3);
    expect(events.slice(completed).some((e) => e.event === 'token')).toBe(false);
    expect(new Set(tokens.map((tk) => tk.node))).toEqual(new Set(['generate']));
    // The model's call streamed, and the tokens are the answer's text, not its JSON.
    expect(server.requests.slice(before).some((r) => r.stream === true)).toBe(true);
    const firstDraft = tokens.filter((tk) => tk.draft === tokens[0].draft).map((tk) => tk.text);
    const written = firstDraft.join('');
    expect(written).not.toContain('{');
    const answer = (events[completed].data as { result: { answer: string } }).result.answer;
    expect(written.length).toBeGreaterThan(5);
    expect(answer.replace(/\[\d+\]/g, '')).toContain(written.trim());

    // Tokens are never stored: reading the stream again gives the steps and the answer only.
    const again = await readEvents(`${t.url}/v1/tasks/${id}/events`, {});
    expect(again.some((e) => e.event === 'token')).toBe(false);
    expect(again.at(-1)).toMatchObject({ event: 'completed', data: { result: { answer } } });
  });
});
