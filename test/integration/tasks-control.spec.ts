import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { readEvents } from '../support/sse';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** Listing, live events, cancel, input and retry: the task lifecycle through the public API. */
describe('tasks: list, events, cancel, input, retry', () => {
  let t: TestApp;
  const keyA = `a-${randomUUID()}`;
  const keyB = `b-${randomUUID()}`;
  const A = { authorization: `Bearer ${keyA}` };
  const B = { authorization: `Bearer ${keyB}` };
  const kb = `ctl-${randomUUID().slice(0, 8)}`;
  // Nothing in the knowledge base is about this: with allowClarify the task waits for input.
  const vague = { question: '这个怎么设置？', collection: kb, options: { allowClarify: true } };

  beforeAll(async () => {
    t = await startTestApp({ QUARRY_API_KEYS: `alpha:${keyA},beta:${keyB}` });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], A);
  });
  afterAll(async () => t?.close());

  const get = (id: string, headers = A) =>
    call(t.url, 'GET', `/v1/tasks/${id}`, undefined, headers);
  const until = async (id: string, ok: (status: string) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const res = await get(id);
      if (ok(res.body.status)) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`task ${id} never reached the state`);
  };
  const create = async (body: object) =>
    (await call<{ id: string }>(t.url, 'POST', '/v1/tasks', body, A)).body;

  it('waits for input, takes the reply, and streams every step with resumable event ids', async () => {
    const task = await create(vague);
    const waiting = await until(task.id, (s) => s === 'waiting_for_input');
    expect(waiting.body.waitingFor.ask).toContain('这个怎么设置？');
    const listed = await call(t.url, 'GET', '/v1/tasks?status=waiting_for_input', undefined, A);
    expect(listed.body.tasks.map((x: { id: string }) => x.id)).toContain(task.id);

    const early = await call(
      t.url,
      'POST',
      `/v1/tasks/${task.id}/input`,
      { text: '混合检索里的 alpha 参数' },
      A,
    );
    expect(early.status).toBe(202);
    const done = await until(task.id, (s) => s === 'completed');
    expect(done.body.result.abstained).toBe(false);
    expect(done.body.usage.wallMs).toBeGreaterThan(0);

    const all = await readEvents(`${t.url}/v1/tasks/${task.id}/events`, A);
    const steps = all.filter((e) => e.event === 'step');
    expect(steps.map((e) => e.id)).toEqual(steps.map((_, i) => String(i + 1)));
    expect(steps.map((e) => (e.data as { node: string }).node)).toEqual(
      done.body.steps.map((s: { node: string }) => s.node),
    );
    expect(all.at(-1)).toMatchObject({ event: 'completed', id: String(steps.length + 1) });

    const resumed = await readEvents(`${t.url}/v1/tasks/${task.id}/events`, {
      ...A,
      'last-event-id': String(steps.length - 1),
    });
    expect(resumed.map((e) => e.id)).toEqual([String(steps.length), String(steps.length + 1)]);
    const nothingMissed = await readEvents(`${t.url}/v1/tasks/${task.id}/events`, {
      ...A,
      'last-event-id': String(steps.length + 1),
    });
    expect(nothingMissed).toEqual([]);

    const again = await call(t.url, 'POST', `/v1/tasks/${task.id}/input`, { text: 'x' }, A);
    expect(again.status).toBe(409);
  });

  it('cancels a waiting task, retries it as a new task, and refuses what cannot be done', async () => {
    const task = await create(vague);
    await until(task.id, (s) => s === 'waiting_for_input');
    expect((await call(t.url, 'POST', `/v1/tasks/${task.id}/cancel`, undefined, B)).status).toBe(
      404,
    );
    const cancelled = await call(t.url, 'POST', `/v1/tasks/${task.id}/cancel`, undefined, A);
    expect(cancelled.status).toBe(202);
    await until(task.id, (s) => s === 'cancelled');
    expect((await call(t.url, 'POST', `/v1/tasks/${task.id}/cancel`, undefined, A)).status).toBe(
      409,
    );

    const retried = await call(t.url, 'POST', `/v1/tasks/${task.id}/retry`, undefined, A);
    expect(retried.status).toBe(202);
    expect(retried.body.id).not.toBe(task.id);
    expect(retried.body.retryOf).toBe(task.id);
    expect(retried.body.question).toBe(vague.question);
    // The new run has the same options: it asks again.
    await until(retried.body.id, (s) => s === 'waiting_for_input');
    await call(t.url, 'POST', `/v1/tasks/${retried.body.id}/cancel`, undefined, A);

    const answered = await create({ question: 'alpha 参数有什么作用？', collection: kb });
    await until(answered.id, (s) => s === 'completed');
    expect((await call(t.url, 'POST', `/v1/tasks/${answered.id}/retry`, undefined, A)).status).toBe(
      409,
    );
  });

  it('lists newest first with filters and a cursor, and never another tenant’s tasks', async () => {
    const ids: string[] = [];
    for (const q of [
      '列表一：alpha 是什么？',
      '列表二：BM25 是什么？',
      '列表三：混合检索是什么？',
    ]) {
      const task = await create({ question: q, collection: kb });
      ids.push(task.id);
      await until(task.id, (s) => s === 'completed');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { tasks: { id: string }[]; nextCursor: string | null } } = await call(
        t.url,
        'GET',
        `/v1/tasks?collection=${kb}&status=completed&mode=answer&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        A,
      );
      expect(page.body.tasks.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.tasks.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    // Newest first: the three created here come in reverse order of creation.
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());

    const other = await call(t.url, 'GET', `/v1/tasks?collection=${kb}`, undefined, B);
    expect(other.status).toBe(200);
    expect(other.body.tasks).toEqual([]);
    const since = new Date(Date.now() + 60_000).toISOString();
    const future = await call(t.url, 'GET', `/v1/tasks?from=${since}`, undefined, A);
    expect(future.body.tasks).toEqual([]);
    const bad = await call(
      t.url,
      'GET',
      '/v1/tasks?status=sleeping&limit=500&cursor=%%%',
      undefined,
      A,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status must be one of/);
    expect(bad.body.error.message).toMatch(/limit must not be greater than 100/);
  });

  it('refuses a webhook when the server has no secret to sign it with', async () => {
    const res = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { ...vague, webhook: 'http://127.0.0.1:9/x' },
      A,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('QUARRY_WEBHOOK_SECRET');
  });

  it('rejects a body over the limit with 413 and the usual error body', async () => {
    const huge = { question: 'x'.repeat(11 * 1024 * 1024), collection: kb };
    const res = await call(t.url, 'POST', '/v1/tasks', huge, A);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});
