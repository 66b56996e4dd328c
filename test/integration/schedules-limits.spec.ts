import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/** QUARRY_MAX_SCHEDULES_PER_TENANT against the real Temporal server's schedules. */
describe('schedules: a bound on the schedules one tenant holds', () => {
  let t: TestApp;
  const alpha = `schcapa${randomUUID().slice(0, 8)}`;
  const beta = `schcapb${randomUUID().slice(0, 8)}`;
  const keyA = `cap-a-${randomUUID()}`;
  const keyB = `cap-b-${randomUUID()}`;
  const A = { authorization: `Bearer ${keyA}` };
  const B = { authorization: `Bearer ${keyB}` };
  // Paused and weekly: nothing runs while the test counts.
  const body = {
    task: { question: '混合检索的 alpha 参数有什么作用？', collection: 'cap-kb' },
    cron: '0 9 * * MON',
    paused: true,
  };

  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_API_KEYS: `${alpha}:${keyA},${beta}:${keyB}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
      QUARRY_MAX_SCHEDULES_PER_TENANT: '2',
    });
    for (const headers of [A, B]) {
      const kb = await call(t.url, 'POST', '/v1/collections', { name: 'cap-kb' }, headers);
      expect(kb.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (headers: Record<string, string>, extra: Record<string, string> = {}) =>
    call(t.url, 'POST', '/v1/schedules', body, { ...headers, ...extra });

  it('refuses the schedule past the bound with 409 naming it, also in a burst, per tenant', async () => {
    const burst = await Promise.all([post(A), post(A), post(A)]);
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409]);
    const refused = burst.find((r) => r.status === 409)!;
    expect(refused.body.error.code).toBe('too_many_schedules');
    expect(refused.body.error.message).toContain('QUARRY_MAX_SCHEDULES_PER_TENANT');
    expect(refused.body.error.details).toMatchObject({ limit: 2 });

    // Another tenant's bound is its own.
    expect((await post(B)).status).toBe(201);

    // Deleting one makes room at once.
    const made = burst.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const deleted = await call(t.url, 'DELETE', `/v1/schedules/${made[0]}`, undefined, A);
    expect(deleted.status).toBe(204);
    expect((await post(A)).status).toBe(201);
    expect((await post(A)).status).toBe(409);
  }, 120_000);

  it('answers a repeated Idempotency-Key with its schedule even at the bound', async () => {
    const key = `same-${randomUUID()}`;
    const tenantKey = `cap-c-${randomUUID()}`;
    const gamma = `schcapc${randomUUID().slice(0, 8)}`;
    const app = await startTestApp({
      QUARRY_API_KEYS: `${gamma}:${tenantKey}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
      QUARRY_MAX_SCHEDULES_PER_TENANT: '1',
    });
    try {
      const C = { authorization: `Bearer ${tenantKey}`, 'idempotency-key': key };
      await call(app.url, 'POST', '/v1/collections', { name: 'cap-kb' }, C);
      const first = await call(app.url, 'POST', '/v1/schedules', body, C);
      expect(first.status).toBe(201);
      const second = await call(app.url, 'POST', '/v1/schedules', body, C);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      const other = await call(app.url, 'POST', '/v1/schedules', body, {
        authorization: C.authorization,
      });
      expect(other.status).toBe(409);
    } finally {
      await app.close();
    }
  }, 120_000);
});
