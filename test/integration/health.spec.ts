import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /health against the real stack', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('answers 200 with every check up', async () => {
    t = await startTestApp();
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { temporal: 'up', weaviate: 'up', models: 'up', worker: 'up' },
    });
  });

  it('answers 503 naming what is down', async () => {
    t = await startTestApp({
      WEAVIATE_URL: 'http://127.0.0.1:9', // discard port: nothing listens
      QUARRY_EMBEDDING_MODEL_DIR: '/nonexistent/bge',
      QUARRY_EMBEDDED_WORKER: 'false',
    });
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      status: string;
      checks: Record<string, string>;
      details: Record<string, string>;
    };
    expect(body.status).toBe('degraded');
    expect(body.checks).toEqual({ temporal: 'up', weaviate: 'down', models: 'down' });
    expect(body.details.weaviate).toMatch(/not ready/);
    expect(body.details.models).toContain('/nonexistent/bge');
  });

  it('echoes a caller-supplied request id', async () => {
    t = await startTestApp({ QUARRY_EMBEDDED_WORKER: 'false' });
    const res = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'req-abc.123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc.123');
  });
});

describe('OpenAPI', () => {
  it('serves the spec at /docs-json with the knowledge-base routes, and the docs page at /docs', async () => {
    const t = await startTestApp({ QUARRY_EMBEDDED_WORKER: 'false' });
    try {
      const spec = (await (await fetch(`${t.url}/docs-json`)).json()) as {
        openapi: string;
        paths: Record<string, object>;
      };
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/health',
          '/v1/collections',
          '/v1/collections/{name}/search',
          '/v1/collections/{name}/documents',
          '/v1/tasks',
          '/v1/tasks/{id}',
          '/v1/tasks/{id}/events',
          '/v1/tasks/{id}/cancel',
          '/v1/tasks/{id}/input',
          '/v1/tasks/{id}/retry',
          '/v1/ops/overview',
        ]),
      );
      // The task routes document their responses, not only their requests.
      const get = (spec.paths['/v1/tasks/{id}'] as { get: { responses: Record<string, any> } }).get;
      expect(
        Object.keys(get.responses['200'].content['application/json'].schema.properties),
      ).toEqual(expect.arrayContaining(['status', 'steps', 'result', 'usage', 'waitingFor']));
      const page = await fetch(`${t.url}/docs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger');
    } finally {
      await t.close();
    }
  });
});
