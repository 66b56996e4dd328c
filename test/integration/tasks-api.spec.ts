import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

describe('POST /v1/tasks and GET /v1/tasks/:id (the agent through the public API)', () => {
  let t: TestApp;
  const keyA = `a-${randomUUID()}`;
  const keyB = `b-${randomUUID()}`;
  const A = { authorization: `Bearer ${keyA}` };
  const B = { authorization: `Bearer ${keyB}` };
  const kb = `tasks-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({ QUARRY_API_KEYS: `alpha:${keyA},beta:${keyB}` });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], A);
  });
  afterAll(async () => t?.close());

  const until = async (id: string, headers = A) => {
    for (let i = 0; i < 100; i++) {
      const res = await call(t.url, 'GET', `/v1/tasks/${id}`, undefined, headers);
      if (!['queued', 'running'].includes(res.body.status)) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('task did not finish');
  };

  it('answers with citations and a step timeline; another tenant cannot see the task', async () => {
    const created = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: '混合检索的 alpha 参数有什么作用？', collection: kb },
      A,
    );
    expect(created.status).toBe(202);
    expect(created.body.id).toMatch(/^task-/);
    const done = await until(created.body.id);
    expect(done.body).toMatchObject({
      status: 'completed',
      mode: 'answer',
      collection: kb,
      error: null,
    });
    expect(done.body.result.abstained).toBe(false);
    expect(done.body.result.citations[0].source).toBe('hybrid.md');
    expect(done.body.steps[0].node).toBe('retrieve');
    expect(done.body.steps.at(-1).node).toBe('finalize');
    expect((await call(t.url, 'GET', `/v1/tasks/${created.body.id}`, undefined, B)).status).toBe(
      404,
    );
  });

  it('returns the same task for the same Idempotency-Key', async () => {
    const body = { question: 'alpha 为 0 时用什么检索？', collection: kb };
    const first = await call(t.url, 'POST', '/v1/tasks', body, {
      ...A,
      'idempotency-key': 'retry-me-1',
    });
    const second = await call(t.url, 'POST', '/v1/tasks', body, {
      ...A,
      'idempotency-key': 'retry-me-1',
    });
    expect(second.body.id).toBe(first.body.id);
    await until(first.body.id);
    const third = await call(t.url, 'POST', '/v1/tasks', body, {
      ...A,
      'idempotency-key': 'retry-me-1',
    });
    expect(third.body.id).toBe(first.body.id);
    expect(third.body.status).toBe('completed');
  });

  it('refuses a malformed Idempotency-Key on tasks and schedules with 400 naming the header', async () => {
    const body = { question: 'alpha 为 0 时用什么检索？', collection: kb };
    for (const key of ['two words', 'k'.repeat(201)]) {
      const task = await call(t.url, 'POST', '/v1/tasks', body, { ...A, 'idempotency-key': key });
      const schedule = await call(
        t.url,
        'POST',
        '/v1/schedules',
        { task: body, cron: '0 9 * * MON', paused: true },
        { ...A, 'idempotency-key': key },
      );
      for (const res of [task, schedule]) {
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('Idempotency-Key');
      }
    }
  });

  it('rejects bad input with 400 naming the field, and an unknown knowledge base with 404', async () => {
    const bad = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: ' ', collection: kb, mode: 'essay', extra: 1 },
      A,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('question must not be blank');
    expect(bad.body.error.message).toContain('mode must be "answer" or "research"');
    expect(bad.body.error.message).toContain('property extra should not exist');
    const tooLong = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: 'x'.repeat(2001), collection: kb },
      A,
    );
    expect(tooLong.body.error.message).toMatch(
      /question must be shorter than or equal to 2000 characters/,
    );
    const options = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: 'q?', collection: kb, options: { maxRetrievals: 0 } },
      A,
    );
    expect(options.body.error.message).toContain(
      'options.maxRetrievals: maxRetrievals must not be less than 1',
    );
    const missing = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: '什么是检索？', collection: 'nope' },
      A,
    );
    expect(missing.status).toBe(404);
    expect(
      (await call(t.url, 'POST', '/v1/tasks', { question: '什么是检索？', collection: kb }, B))
        .status,
    ).toBe(404);
  });
});
