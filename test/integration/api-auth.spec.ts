import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { rawRequest } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

/** Every spelling a client (or an attacker) might try for an authenticated route. */
const SPELLINGS: [string, string][] = [
  ['GET', '/v1/ops/overview'],
  ['GET', '/V1/ops/overview'],
  ['GET', '/v1/OPS/overview'],
  ['GET', '/v1/ops/overview/'],
  ['GET', '/V1/collections'],
  ['GET', '/v1/collections/'],
  ['GET', '/v1/tasks'],
  ['GET', '/V1/tasks'],
  ['GET', '/v1/Tasks'],
  ['GET', '/v1//tasks'],
  ['GET', '//v1/tasks'],
  ['GET', '/v1/./tasks'],
  ['GET', '/v1/x/../tasks'],
  ['GET', '/%761/tasks'],
  ['GET', '/v1/%74asks'],
  ['GET', '/v1/%2e/tasks'],
  ['GET', '/v1/tasks/'],
  ['GET', '/v1/tasks?limit=1'],
  ['GET', '/v1/tasks;x'],
  ['HEAD', '/V1/tasks'],
  ['POST', '/V1/collections'],
  ['POST', '/v1/collections/'],
  ['POST', '/v1/diagnostics/roundtrip'],
  ['POST', '/V1/diagnostics/roundtrip'],
  ['DELETE', '/V1/collections/x'],
];

describe('authentication by route, whatever the path spelling (API keys set)', () => {
  let t: TestApp;
  const key = `k-${randomUUID()}`;
  beforeAll(async () => {
    t = await startTestApp({ QUARRY_API_KEYS: `alpha:${key}`, QUARRY_EMBEDDED_WORKER: 'false' });
  });
  afterAll(async () => t?.close());

  it.each([
    ['no key', {}],
    ['an unknown key', { authorization: `Bearer x-${randomUUID()}` }],
    ['a malformed header', { authorization: key }],
  ])('never answers 2xx or 5xx with %s', async (_, headers: Record<string, string>) => {
    const answers = await Promise.all(
      SPELLINGS.map(async ([method, path]) => {
        const body = method === 'POST' ? '{"name":"x"}' : undefined;
        const h = body ? { ...headers, 'content-type': 'application/json' } : headers;
        return `${method} ${path} ${(await rawRequest(t.url, method, path, h, body)).status}`;
      }),
    );
    const bad = answers.filter((a) => /\s[25]\d\d$/.test(a));
    expect(bad).toEqual([]);
  });

  it('serves the canonical spellings with the key, and refuses them without it', async () => {
    const A = { authorization: `Bearer ${key}` };
    expect((await call(t.url, 'GET', '/v1/ops/overview', undefined, A)).status).toBe(200);
    expect((await call(t.url, 'GET', '/v1/collections', undefined, A)).status).toBe(200);
    const refused = await call(t.url, 'GET', '/v1/ops/overview');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/Authorization: Bearer/);
    // Other spellings are not the route at all: 404, never a way around the key.
    expect((await rawRequest(t.url, 'GET', '/V1/ops/overview', A)).status).toBe(404);
    expect((await rawRequest(t.url, 'GET', '/v1/ops/overview/', A)).status).toBe(404);
  });

  it('keeps the public routes open: health, the dashboard, the API docs, metrics', async () => {
    for (const path of [
      '/health',
      '/dashboard/',
      '/dashboard/app.js',
      '/docs',
      '/docs-json',
      '/metrics',
    ])
      expect([path, (await rawRequest(t.url, 'GET', path)).status]).toEqual([path, 200]);
  });
});
