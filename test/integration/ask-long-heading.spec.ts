import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AskResult } from '../../workflows/contract';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/** Temporal warns at 256 KB per payload (and fails at 2 MB): no step may come near it. */
const TEMPORAL_PAYLOAD_WARNING = 256 * 1024;

/** Sizes of every payload (inputs, results, failures) in a workflow's history. */
function payloadSizes(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) {
    for (const item of value) payloadSizes(item, out);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.payloads)) {
      for (const p of record.payloads as { data?: Uint8Array | null }[]) {
        out.push(p.data?.byteLength ?? 0);
      }
    }
    for (const [key, child] of Object.entries(record))
      if (key !== 'payloads') payloadSizes(child, out);
  }
  return out;
}

// A heading of 100,000 characters used to be copied into every chunk of its section and from
// there into the agent's checkpoint: the retrieve step's result alone carried it for each chunk
// retrieved. Capped at ingestion, the heading costs 200 characters a chunk.
describe('an ask over a document with a 100,000-character heading (real stack)', () => {
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `head-${randomUUID().slice(0, 8)}`;
  const heading = '混合检索'.repeat(25_000);

  beforeAll(async () => {
    t = await startTestApp();
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.close();
  });

  it('ingests it with the heading capped in every chunk, its text kept', async () => {
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [
        {
          source: 'long-heading.md',
          text: `# ${heading}\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重，alpha 为 0 时只用关键词。\n`,
        },
      ],
    });
    expect(res.body).toMatchObject({ status: 'completed', progress: { indexed: 1, failed: 0 } });
    const found = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: '混合检索',
      mode: 'keyword',
      limit: 100,
    });
    expect(found.body.hits.length).toBeGreaterThan(1);
    for (const hit of found.body.hits) {
      expect(hit.headingPath).toEqual([`${heading.slice(0, 199)}…`]);
    }
    const described = await call(t.url, 'GET', `/v1/collections/${kb}`);
    // The heading's own text is indexed too (200 chunks of 500 characters), not lost.
    expect(described.body.chunks).toBeGreaterThanOrEqual(200);
  }, 300_000);

  it('asks over it with every payload of the history far below Temporal’s limits', async () => {
    const handle = await client.workflow.start('askWorkflow', {
      taskQueue: t.config.temporal.taskQueue,
      workflowId: `ask-head-${randomUUID()}`,
      args: [{ tenant: 'local', collection: kb, question: '混合检索中参数 alpha 决定什么？' }],
    });
    const result = (await handle.result()) as AskResult;
    expect(result.citations.length).toBeGreaterThan(0);
    const sizes = payloadSizes((await handle.fetchHistory()).events ?? []);
    const largest = Math.max(...sizes);
    const total = sizes.reduce((a, b) => a + b, 0);
    process.stdout.write(
      `long-heading ask: ${sizes.length} payloads, largest ${largest} B, all ${total} B\n`,
    );
    expect(largest).toBeLessThan(TEMPORAL_PAYLOAD_WARNING);
  }, 300_000);
});
