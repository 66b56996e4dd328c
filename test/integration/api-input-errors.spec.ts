import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { rawRequest } from '../support/raw-http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** Input that used to end in a 500 or a 503: each now gets its answer, or a 4xx naming the field. */
describe('unusual input gets an answer or a clear 4xx', () => {
  let t: TestApp;
  const kb = `input-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp();
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC]);
  });
  afterAll(async () => t?.close());

  it('accepts a 1,900-character Chinese question and answers it; lists show a bounded prefix', async () => {
    // 5,700 bytes of UTF-8: the whole question would break Temporal's 2 KB search-attribute limit.
    const question =
      `混合检索里的 alpha 参数有什么作用？${'请详细说明关键词检索和向量检索的权重。'.repeat(200)}`.slice(
        0,
        1900,
      );
    const created = await call(t.url, 'POST', '/v1/tasks', { question, collection: kb });
    expect(created.status).toBe(202);
    let task = created.body;
    for (let i = 0; i < 600 && task.status !== 'completed' && task.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      task = (await call(t.url, 'GET', `/v1/tasks/${created.body.id}`)).body;
    }
    expect(task.status).toBe('completed');
    expect(task.question).toBe(question);
    const listed = await call(t.url, 'GET', `/v1/tasks?collection=${kb}`);
    const summary = listed.body.tasks.find((x: { id: string }) => x.id === created.body.id);
    expect(question.startsWith(summary.question)).toBe(true);
    expect(Buffer.byteLength(summary.question)).toBeLessThanOrEqual(1024);
  });

  it('answers 400 naming the cursor for a task-list cursor this API never returned', async () => {
    for (const cursor of ['abc', 'AAAA', 'bm90LWEtdG9rZW4']) {
      const res = await call(t.url, 'GET', `/v1/tasks?cursor=${cursor}`);
      expect([cursor, res.status, res.body.error.message]).toEqual([
        cursor,
        400,
        'cursor is not one this API returned',
      ]);
    }
    const docs = await call(t.url, 'GET', `/v1/collections/${kb}/documents?cursor=lorem%20ipsum`);
    expect([docs.status, docs.body.error.message]).toEqual([
      400,
      'cursor is not one this API returned',
    ]);
  });

  it('answers 400 naming embeddingModel for a model this server does not run', async () => {
    for (const embeddingModel of ['', 'text-embedding-3-small']) {
      const res = await call(t.url, 'POST', '/v1/collections', { name: `${kb}-m`, embeddingModel });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^embeddingModel/);
    }
  });

  it('answers 400 for a multipart upload without a boundary', async () => {
    const res = await rawRequest(t.url, 'POST', `/v1/collections/${kb}/documents`, {
      'content-type': 'multipart/form-data',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toContain('boundary');
  });
});
