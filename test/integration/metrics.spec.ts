import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;
  const kb = `metrics-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp();
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [
        { source: 'a.md', text: '# 混合检索\n\n参数 alpha 决定关键词检索和向量检索的权重。' },
      ],
    });
    const task = await call(t.url, 'POST', '/v1/tasks', {
      question: 'alpha 决定什么？',
      collection: kb,
    });
    for (let i = 0; i < 100; i++) {
      const res = await call(t.url, 'GET', `/v1/tasks/${task.body.id}`);
      if (res.body.status === 'completed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => t?.close());

  it('exposes task counts, step latency by node, retrieval latency and ingestion counters', async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^quarry_tasks\{status="completed"\} [1-9]\d*$/m);
    expect(text).toMatch(/^quarry_agent_step_seconds_count\{node="retrieve",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(
      /^quarry_agent_step_seconds_bucket\{le="0\.5",node="finalize",outcome="ok"\} /m,
    );
    expect(text).toMatch(/^quarry_retrieval_seconds_count\{mode="hybrid"\} [1-9]/m);
    expect(text).toMatch(/^quarry_ingested_chunks_total [1-9]/m);
    expect(text).toMatch(/^quarry_process_resident_memory_bytes /m);
  });
});

describe('GET /metrics with QUARRY_METRICS_KEY', () => {
  let t: TestApp;
  const metricsKey = `m-${randomUUID()}`;
  const tenantKey = `t-${randomUUID()}`;
  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_METRICS_KEY: metricsKey,
      QUARRY_API_KEYS: `alpha:${tenantKey}`,
      QUARRY_EMBEDDED_WORKER: 'false',
    });
  });
  afterAll(async () => t?.close());

  it('asks for the metrics key as a Bearer token; a tenant key is not it', async () => {
    const scrape = (authorization?: string) =>
      fetch(`${t.url}/metrics`, { headers: authorization ? { authorization } : {} });
    const refused = await scrape();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'QUARRY_METRICS_KEY',
    );
    expect((await scrape(`Bearer ${tenantKey}`)).status).toBe(401);
    expect((await scrape(`Bearer ${metricsKey}x`)).status).toBe(401);
    const ok = await scrape(`Bearer ${metricsKey}`);
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).toMatch(/^quarry_tasks\{status="running"\} \d+$/m);
    expect(text).toMatch(/^quarry_event_streams_open \d+$/m);
  });
});
