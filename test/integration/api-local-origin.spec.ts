import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { rawRequest } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

/** Local mode (no keys): a page on another site, or a rebound DNS name, must not reach the API. */
describe('keyless server: cross-site and foreign-Host requests are refused', () => {
  let t: TestApp;
  let port: string;
  const kb = `origin-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp({ QUARRY_EMBEDDED_WORKER: 'false' });
    port = new URL(t.url).port;
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
  });
  afterAll(async () => t?.close());

  const multipart = () => {
    const boundary = '----quarry-test';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="evil.md"\r\n` +
      `Content-Type: text/markdown\r\n\r\n# planted\r\n\r\nnot yours\r\n--${boundary}--\r\n`;
    return { body, type: `multipart/form-data; boundary=${boundary}` };
  };
  const documents = async () =>
    (await call(t.url, 'GET', `/v1/collections/${kb}/documents`)).body.documents as unknown[];

  it('refuses a multipart upload posted by another site (no preflight protects it)', async () => {
    const { body, type } = multipart();
    const res = await rawRequest(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      { 'content-type': type, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body,
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('QUARRY_API_KEYS'),
    });
    expect(await documents()).toEqual([]);
  });

  it('refuses a delete with only Sec-Fetch-Site: cross-site, or from another local port', async () => {
    const del = `/v1/collections/${kb}`;
    expect(
      (await rawRequest(t.url, 'DELETE', del, { 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    const devServer = { origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'same-site' };
    expect((await rawRequest(t.url, 'DELETE', del, devServer)).status).toBe(403);
    expect((await call(t.url, 'GET', `/v1/collections/${kb}`)).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding), reads and dashboard files included', async () => {
    for (const path of ['/v1/collections', '/dashboard/', '/health']) {
      const res = await rawRequest(t.url, 'GET', path, { host: `rebind.evil.example:${port}` });
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('serves every loopback Host spelling, the dashboard’s own origin, and clients without Origin', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const res = await rawRequest(t.url, 'GET', '/v1/collections', { host });
      expect([host, res.status]).toEqual([host, 200]);
    }
    const sameOrigin = {
      origin: t.url,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    };
    const name = `${kb}-same`;
    const created = await rawRequest(
      t.url,
      'POST',
      '/v1/collections',
      sameOrigin,
      JSON.stringify({ name }),
    );
    expect(created.status).toBe(201);
    const asLocalhost = {
      ...sameOrigin,
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    };
    expect((await rawRequest(t.url, 'DELETE', `/v1/collections/${name}`, asLocalhost)).status).toBe(
      204,
    );
    expect((await call(t.url, 'DELETE', `/v1/collections/${kb}`)).status).toBe(204);
  });
});
