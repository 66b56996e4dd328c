import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('per-tenant rate limits', () => {
  let t: TestApp;
  const keyA = `a-${randomUUID()}`;
  const keyB = `b-${randomUUID()}`;
  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_API_KEYS: `alpha:${keyA},beta:${keyB}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After past the limit, for that tenant only; health is not limited', async () => {
    const A = { authorization: `Bearer ${keyA}` };
    for (let i = 0; i < 3; i++)
      expect((await call(t.url, 'GET', '/v1/collections', undefined, A)).status).toBe(200);
    const limited = await call(t.url, 'GET', '/v1/collections', undefined, A);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited' });
    expect(limited.body.error.message).toContain('3 requests a minute');
    const B = { authorization: `Bearer ${keyB}` };
    expect((await call(t.url, 'GET', '/v1/collections', undefined, B)).status).toBe(200);
    expect((await call(t.url, 'GET', '/health')).status).not.toBe(429);
  });
});
