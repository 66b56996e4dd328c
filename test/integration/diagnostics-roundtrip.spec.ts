import { Client, Connection } from '@temporalio/client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('HTTP → Temporal workflow → activity → Weaviate', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('runs the round trip and leaves the workflow in Temporal history', async () => {
    t = await startTestApp();
    const res = await fetch(`${t.url}/v1/diagnostics/roundtrip`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      workflowId: string;
      runId: string;
      result: { weaviate: { version: string; collections: number; latencyMs: number } };
    };
    expect(body.result.weaviate.version).toMatch(/^1\.38\./);
    expect(body.result.weaviate.collections).toBeGreaterThanOrEqual(0);

    const connection = await Connection.connect({ address: t.config.temporal.address! });
    try {
      const client = new Client({ connection, namespace: t.config.temporal.namespace });
      const description = await client.workflow.getHandle(body.workflowId, body.runId).describe();
      expect(description.status.name).toBe('COMPLETED');
      expect(description.taskQueue).toBe(t.config.temporal.taskQueue);
      const history = await client.workflow.getHandle(body.workflowId, body.runId).fetchHistory();
      const activityTypes = (history.events ?? [])
        .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
        .filter(Boolean);
      expect(activityTypes).toEqual(['probeWeaviate']);
    } finally {
      await connection.close();
    }
  });

  it('rejects unknown routes with the stable error body', async () => {
    t ??= await startTestApp();
    const res = await fetch(`${t.url}/v1/nope`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/nope/);
  });
});
