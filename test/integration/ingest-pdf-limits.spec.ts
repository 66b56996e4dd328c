import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { livePdfWorkers } from '../../src/knowledge/loaders/pdf-worker-run';
import { buildSlowPdf } from '../fixtures/documents/slow-pdf';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const upload = (name: string, bytes: Uint8Array) => {
  const body = new FormData();
  body.append('files', new File([bytes], name, { type: 'application/pdf' }));
  return body;
};

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// PDF parsing used to run unbounded, to heartbeat only after parsing (so a slow parse timed out
// and was retried 10 times while the abandoned parses went on), and to outlive a cancelled
// activity. Now it heartbeats while it parses, stops at a time limit for good, and a cancelled
// ingestion ends its thread.
describe('PDF parsing bounds in an ingestion (real Temporal, real worker threads)', () => {
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `pdf-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({ QUARRY_PDF_TIMEOUT_SECONDS: '600' });
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.close();
  });

  it('a cancelled ingestion ends the thread parsing its PDF, and its uploads', async () => {
    expect(livePdfWorkers()).toBe(0);
    // Minutes of parsing on this machine: far longer than cancellation takes to arrive.
    const res = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      upload('slow.pdf', buildSlowPdf(16, 500_000)),
    );
    expect(res.status).toBe(202);
    await until(() => livePdfWorkers() === 1, 'the PDF thread to start');
    const handle = client.workflow.getHandle(res.body.jobId);
    await handle.cancel();
    await until(() => livePdfWorkers() === 0, 'the PDF thread to end', 60_000);
    await until(async () => (await handle.describe()).status.name === 'CANCELLED', 'cancelled');
    await until(
      () => !existsSync(join(t.config.paths.dataDir, 'staging', res.body.jobId)),
      'the uploads to go',
    );
  }, 240_000);
});

describe('a PDF over the parse time limit', () => {
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `pdf-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({ QUARRY_PDF_TIMEOUT_SECONDS: '1' });
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.close();
  });

  it('fails that file once, naming the file and the limit, and stops its thread', async () => {
    const res = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents?wait=true`,
      upload('reports/slow.pdf', buildSlowPdf(4, 400_000)),
    );
    expect(res.body).toMatchObject({ status: 'completed', progress: { failed: 1, indexed: 0 } });
    expect(res.body.progress.failures).toEqual([
      {
        source: 'reports/slow.pdf',
        error: 'parsing took longer than the limit of 1 s (QUARRY_PDF_TIMEOUT_SECONDS)',
      },
    ]);
    const docs = await call(t.url, 'GET', `/v1/collections/${kb}/documents`);
    expect(docs.body.documents).toEqual([
      expect.objectContaining({ source: 'reports/slow.pdf', status: 'failed' }),
    ]);
    const history = await client.workflow.getHandle(res.body.jobId).fetchHistory();
    const attempts = (history.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => e.activityTaskStartedEventAttributes!.attempt);
    expect(attempts).toEqual([1, 1]); // ingestFile once, then finishIngestion
    expect(livePdfWorkers()).toBe(0);
  }, 120_000);
});
