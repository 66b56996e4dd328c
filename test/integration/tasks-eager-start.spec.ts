import { randomUUID } from 'node:crypto';
import { registry } from '../../src/metrics/registry';
import { TemporalClientService } from '../../src/temporal/temporal-client.service';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** Workflows started by this process so far, by whether the start was eager. */
async function starts(): Promise<{ eager: number; ordinary: number }> {
  const metric = await registry.getSingleMetric('quarry_workflow_starts_total')!.get();
  const by = (eager: string) => metric.values.find((v) => v.labels.eager === eager)?.value ?? 0;
  return { eager: by('true'), ordinary: by('false') };
}

describe('eager workflow start: a task goes straight to the embedded worker', () => {
  const kb = `eager-${randomUUID().slice(0, 8)}`;

  describe('with the embedded worker', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
      await seedKnowledgeBase(t.url, kb, [HYBRID_DOC]);
    });
    afterAll(async () => t?.close());

    it('starts the task eagerly, answers it, and a repeated start finds the same run', async () => {
      const before = await starts();
      const body = { question: '混合检索的 alpha 参数有什么作用？', collection: kb };
      const key = { 'idempotency-key': `eager-${randomUUID()}` };
      const created = await call(t.url, 'POST', '/v1/tasks', body, key);
      expect(created.status).toBe(202);
      // The worker holds the first workflow task from the start: the task is never queued.
      expect(created.body.status).not.toBe('queued');
      const again = await call(t.url, 'POST', '/v1/tasks', body, key);
      expect(again.body.id).toBe(created.body.id);
      let done = created;
      for (let i = 0; i < 100 && ['queued', 'running'].includes(done.body.status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        done = await call(t.url, 'GET', `/v1/tasks/${created.body.id}`);
      }
      expect(done.body.status).toBe('completed');
      expect(done.body.result.citations[0].source).toBe('hybrid.md');
      const after = await starts();
      // The first start was handed to the worker; the repeat found the run (or its result) and
      // started nothing eagerly.
      expect(after.eager - before.eager).toBe(1);
    });
  });

  describe('without an embedded worker (an API process of the production topology)', () => {
    let t: TestApp;
    // The knowledge base is the one the block above seeded (an ingestion needs a worker).
    beforeAll(async () => {
      t = await startTestApp({ QUARRY_EMBEDDED_WORKER: 'false' });
    });
    afterAll(async () => t?.close());

    it('starts an ordinary workflow, left queued for a worker to poll', async () => {
      const before = await starts();
      const created = await call(t.url, 'POST', '/v1/tasks', {
        question: 'alpha 为 0 时用什么检索？',
        collection: kb,
      });
      expect(created.status).toBe(202);
      expect(created.body.status).toBe('queued');
      const after = await starts();
      expect(after.ordinary - before.ordinary).toBe(1);
      expect(after.eager).toBe(before.eager);
      await t.app
        .get(TemporalClientService)
        .client.workflow.getHandle(created.body.id)
        .terminate('test over: no worker polls this task queue');
    });
  });
});
