import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call } from '../support/http';
import { SEARCH_GUIDE, seedKnowledgeBase } from '../support/seed';
import { temporalWithConfig } from '../support/temporal-with-config';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A research task long enough to continue as new tells its webhook once, when it really ends. A
 * Temporal server that suggests continue-as-new after 10 history events makes every run hand over
 * after one sub-question, so a three-question plan takes three runs or more.
 */
describe('research task that continues as new: one webhook delivery', () => {
  let temporal: Awaited<ReturnType<typeof temporalWithConfig>>;
  let t: TestApp;
  let receiver: Server;
  let hookUrl: string;
  const events: string[] = [];
  const kb = `research-can-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      events.push(String(req.headers['x-quarry-event']));
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    temporal = await temporalWithConfig({ 'limit.historyCount.suggestContinueAsNew': 10 });
    t = await startTestApp({
      TEMPORAL_ADDRESS: temporal.address,
      QUARRY_WEBHOOK_SECRET: `whsec-${randomUUID()}`,
      QUARRY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    });
    expect(await seedKnowledgeBase(t.url, kb, [SEARCH_GUIDE])).toBe(1);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await temporal?.stop();
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  it('sends exactly one task.completed and no task.failed', async () => {
    const subQuestions = ['alpha 参数决定什么？', '混合检索结合了什么？', 'BM25 是什么检索？'];
    const task = await call(t.url, 'POST', '/v1/tasks', {
      question: '混合检索',
      collection: kb,
      mode: 'research',
      options: { subQuestions, concurrency: 1 },
      webhook: hookUrl,
    });
    expect(task.status).toBe(202);
    let view = task.body;
    for (let i = 0; i < 600 && !['completed', 'failed'].includes(view.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await call(t.url, 'GET', `/v1/tasks/${task.body.id}`)).body;
    }
    expect(view.status).toBe('completed');
    expect(view.result.findings.map((f: { subQuestion: string }) => f.subQuestion)).toEqual(
      subQuestions,
    );

    // Walk the chain of runs back from the last: it did continue as new, and only the last run
    // scheduled a delivery.
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: 'quarry' });
    let runs = 0;
    let deliveries = 0;
    try {
      let runId: string | undefined;
      do {
        const history = await client.workflow.getHandle(task.body.id, runId).fetchHistory();
        runs++;
        deliveries += history.events!.filter(
          (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverWebhook',
        ).length;
        runId =
          history.events![0].workflowExecutionStartedEventAttributes?.continuedExecutionRunId ??
          undefined;
      } while (runId);
    } finally {
      await connection.close();
    }
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(deliveries).toBe(1);
    // The delivery ends before the workflow does: everything the receiver will get, it has.
    expect(events).toEqual(['task.completed']);
  });
});
