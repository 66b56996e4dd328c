import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** Per-tenant caps on open tasks and open event streams, with two tenants on one server. */
describe('per-tenant caps: open tasks and event streams', () => {
  let t: TestApp;
  const keyA = `a-${randomUUID()}`;
  const keyB = `b-${randomUUID()}`;
  const A = { authorization: `Bearer ${keyA}` };
  const B = { authorization: `Bearer ${keyB}` };
  const kb = `caps-${randomUUID().slice(0, 8)}`;
  // Nothing in the knowledge base is about this: with allowClarify the task waits, open, for input.
  const vague = { question: '这个怎么设置？', collection: kb, options: { allowClarify: true } };
  const streams: AbortController[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      // Tenants of their own: the bound counts a tenant's open tasks in the shared namespace.
      QUARRY_API_KEYS: `caps-a-${keyA.slice(2, 10)}:${keyA},caps-b-${keyB.slice(2, 10)}:${keyB}`,
      QUARRY_MAX_RUNNING_TASKS_PER_TENANT: '2',
      QUARRY_MAX_EVENT_STREAMS_PER_TENANT: '2',
    });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], A);
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], B);
  });
  afterAll(async () => {
    for (const s of streams) s.abort();
    await t?.close();
  });

  const create = (headers: Record<string, string>, extra: Record<string, string> = {}) =>
    call(t.url, 'POST', '/v1/tasks', vague, { ...headers, ...extra });
  const open = async (id: string, headers: Record<string, string>) => {
    const abort = new AbortController();
    streams.push(abort);
    const res = await fetch(`${t.url}/v1/tasks/${id}/events`, { headers, signal: abort.signal });
    return { res, abort };
  };

  it('answers 429 naming the limit past 2 open tasks, for that tenant only, until one ends', async () => {
    const first = await create(A, { 'idempotency-key': 'caps-first' });
    expect(first.status).toBe(202);
    expect((await create(A)).status).toBe(202);
    const refused = await create(A);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too_many_tasks');
    expect(refused.body.error.message).toContain('limit of 2 open tasks per tenant');
    expect(refused.body.error.message).toContain('QUARRY_MAX_RUNNING_TASKS_PER_TENANT');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Repeating a request that already made its task is not a new task.
    const again = await create(A, { 'idempotency-key': 'caps-first' });
    expect([again.status, again.body.id]).toEqual([202, first.body.id]);
    expect((await create(B)).status).toBe(202);

    const cancelled = await call(t.url, 'POST', `/v1/tasks/${first.body.id}/cancel`, undefined, A);
    expect(cancelled.status).toBe(202);
    let status = 0;
    for (let i = 0; i < 100 && status !== 202; i++) {
      status = (await create(A)).status; // the cancel takes effect as the workflow closes
      if (status !== 202) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(202);
  });

  it('answers 429 with Retry-After past 2 open event streams, counted in /metrics', async () => {
    const task = await call(t.url, 'GET', '/v1/tasks?status=running&limit=1', undefined, B);
    const id = task.body.tasks[0].id as string;
    const s1 = await open(id, B);
    const s2 = await open(id, B);
    expect([s1.res.status, s2.res.status]).toEqual([200, 200]);
    const refused = await fetch(`${t.url}/v1/tasks/${id}/events`, { headers: B });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_streams');
    expect(body.error.message).toContain('limit of 2 open event streams per tenant');
    expect(body.error.message).toContain('QUARRY_MAX_EVENT_STREAMS_PER_TENANT');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^quarry_event_streams_open 2$/m);

    // The other tenant is not affected; closing a stream frees its slot.
    const other = await call(t.url, 'GET', '/v1/tasks?status=running&limit=1', undefined, A);
    const a1 = await open(other.body.tasks[0].id as string, A);
    expect(a1.res.status).toBe(200);
    s1.abort.abort();
    let reopened = 0;
    for (let i = 0; i < 50 && reopened !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const s = await open(id, B);
      reopened = s.res.status;
      if (reopened !== 200) s.abort.abort();
    }
    expect(reopened).toBe(200);
  });
});
