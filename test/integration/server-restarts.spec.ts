import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack, StackEndpoints } from '../../src/stack/local-stack';
import { call } from '../support/http';
import { privateStack } from '../support/private-stack';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Temporal and Weaviate each run as their own private stack here, so either can be stopped while
 * a task is in the middle of its run, and started again on the same data and ports.
 */
describe('tasks survive Weaviate and Temporal going away mid-task', () => {
  const root = mkdtempSync(join(tmpdir(), 'quarry-restarts-'));
  const temporalDir = join(root, 'temporal');
  const weaviateDir = join(root, 'weaviate');
  let temporal: LocalStack;
  let weaviate: LocalStack;
  let w: StackEndpoints['weaviate'];
  let tAddress: string;
  let t: TestApp;
  const kb = `restart-${randomUUID().slice(0, 8)}`;
  const vague = { question: '这个怎么设置？', collection: kb, options: { allowClarify: true } };

  const startWeaviate = async () => {
    weaviate = privateStack(weaviateDir, { temporalAddress: 'unused:1' });
    w = (await weaviate.start()).weaviate;
  };
  const startTemporal = async () => {
    temporal = privateStack(temporalDir, {
      weaviateUrl: w.url,
      weaviateGrpcUrl: w.grpcUrl,
      weaviateApiKey: w.apiKey,
    });
    tAddress = (await temporal.start()).temporal.address;
  };
  const until = async (id: string, ok: (s: string) => boolean, ms = 120_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await call(t.url, 'GET', `/v1/tasks/${id}`);
      if (res.status === 200 && ok(res.body.status)) return res;
      if (Date.now() > deadline) throw new Error(`task ${id}: last ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    await startWeaviate();
    await startTemporal();
    t = await startTestApp({
      TEMPORAL_ADDRESS: tAddress,
      WEAVIATE_URL: w.url,
      WEAVIATE_GRPC_URL: w.grpcUrl,
      WEAVIATE_API_KEY: w.apiKey,
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [
        {
          source: 'a.md',
          text: '# 混合检索\n\n混合检索里的 alpha 参数决定关键词检索和向量检索的权重。',
        },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await temporal?.stop();
    await weaviate?.stop();
  });

  it('Weaviate stopped when a step needs it: the step is retried and the task completes once it is back', async () => {
    const task = (await call(t.url, 'POST', '/v1/tasks', vague)).body as { id: string };
    await until(task.id, (s) => s === 'waiting_for_input');
    await weaviate.stop();
    expect(
      (await call(t.url, 'POST', `/v1/tasks/${task.id}/input`, { text: '混合检索里的 alpha 参数' }))
        .status,
    ).toBe(202);
    await new Promise((r) => setTimeout(r, 4000)); // the retrieve step keeps failing meanwhile
    await startWeaviate();
    const back = Date.now();
    const done = await until(task.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.status).toBe('completed');
    expect(done.body.result.abstained).toBe(false);
    // It finished after Weaviate came back: the failing search was retried, not given up on.
    expect(Date.parse(done.body.closedAt)).toBeGreaterThanOrEqual(back - 1000);
    // Retried either inside the search client (a retrieve step that waited for Weaviate) or by
    // Temporal (a retrieve step on a later attempt), depending on how long the outage lasted.
    const retrieves = (done.body.steps as { node: string; ms: number; attempt: number }[]).filter(
      (x) => x.node === 'retrieve',
    );
    expect(retrieves.some((x) => x.ms > 2000 || x.attempt > 1)).toBe(true);
  }, 180_000);

  it('Temporal stopped and restarted on its database mid-task: the task completes', async () => {
    const task = (await call(t.url, 'POST', '/v1/tasks', vague)).body as { id: string };
    await until(task.id, (s) => s === 'waiting_for_input');
    await temporal.stop();
    const down = await call(t.url, 'GET', `/v1/tasks/${task.id}`);
    expect(down.status).toBe(503);
    await startTemporal();
    let input = await call(t.url, 'POST', `/v1/tasks/${task.id}/input`, {
      text: '混合检索里的 alpha 参数',
    });
    for (let i = 0; i < 40 && input.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 500));
      input = await call(t.url, 'POST', `/v1/tasks/${task.id}/input`, {
        text: '混合检索里的 alpha 参数',
      });
    }
    expect(input.status).toBe(202);
    const done = await until(task.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.status).toBe('completed');
    expect(done.body.result.abstained).toBe(false);
  }, 180_000);
});
