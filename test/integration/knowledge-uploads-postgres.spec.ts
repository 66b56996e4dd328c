import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Staging } from '../../src/knowledge/ingest/staging';
import { PostgresStaging } from '../../src/knowledge/ingest/staging-postgres';
import { StagingSweeper } from '../../src/knowledge/ingest/staging-sweeper';
import { call } from '../support/http';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { startTestApp, type TestApp } from '../support/test-app';

const MB = 1024 * 1024;
const file = (name: string, bytes: number, type = 'text/plain') =>
  new File([new Uint8Array(bytes).fill(0x61)], name, { type });
const form = (...files: File[]) => {
  const body = new FormData();
  for (const f of files) body.append('files', f);
  return body;
};

// The ingestion hardening's guarantees, with uploads staged in PostgreSQL instead of a folder:
// the request total and 413s while the bytes arrive, nothing left by a refused or failed request,
// the sweeper for jobs that ended without cleaning up, and a worker reading what the API staged.
describe('document uploads staged in PostgreSQL', () => {
  let pg: PrivatePostgres;
  let t: TestApp;
  let staging: PostgresStaging;
  let connection: Connection;
  let client: Client;
  const dataDir = mkdtempSync(join(tmpdir(), 'quarry-uploads-pg-'));
  const kb = `uppg-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const started = await startPrivatePostgres();
    if (!started)
      throw new Error('PostgreSQL is not installed: run `quarry setup --stack production`');
    pg = started;
    // No worker: a started ingestion stays running, and its upload stays staged, until told.
    t = await startTestApp({
      QUARRY_DATA_DIR: dataDir,
      QUARRY_STAGING_DATABASE_URL: pg.url('quarry_staging'),
      QUARRY_EMBEDDED_WORKER: 'false',
      QUARRY_MAX_UPLOAD_MB: '1',
      QUARRY_MAX_UPLOAD_REQUEST_MB: '2.5',
    });
    staging = t.app.get(Staging);
    expect(staging).toBeInstanceOf(PostgresStaging);
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  }, 120_000);
  afterAll(async () => {
    for await (const w of client.workflow.list({
      query: `TaskQueue = '${t.config.temporal.taskQueue}' AND ExecutionStatus = 'Running'`,
    })) {
      await client.workflow.getHandle(w.workflowId).terminate('test over');
    }
    await connection?.close();
    await t?.close();
    await pg?.stop();
  }, 60_000);

  it('refuses files over either limit with 413 and keeps no row of them', async () => {
    const over = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file('a.txt', 0.9 * MB), file('b.txt', 0.9 * MB), file('c.txt', 0.9 * MB)),
    );
    expect(over.status).toBe(413);
    expect(over.body.error.message).toContain('QUARRY_MAX_UPLOAD_REQUEST_MB');
    const big = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file('big.txt', 1.2 * MB)),
    );
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('QUARRY_MAX_UPLOAD_MB');
    const png = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file('ok.txt', 0.5 * MB), file('photo.png', 100, 'image/png')),
    );
    expect(png.status).toBe(415);
    expect(await staging.rowCount()).toBe(0);
    expect(existsSync(join(dataDir, 'staging'))).toBe(false);
  });

  it('stages an accepted upload in rows of at most 1 MB, and sweeps the rows of a terminated job', async () => {
    const accepted = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file('a.txt', 0.9 * MB), file('b.txt', 0.9 * MB)),
    );
    expect(accepted.status).toBe(202);
    const kept = accepted.body.jobId as string;
    expect(await staging.rowCount(kept)).toBe(2);
    const json = await call(t.url, 'POST', `/v1/collections/${kb}/documents`, {
      documents: [{ source: 'b.md', text: '# B\n\ntext' }],
    });
    const ended = json.body.jobId as string;
    expect(await staging.rowCount(ended)).toBe(1);
    await client.workflow.getHandle(ended).terminate('gone without a word');

    const removed = await t.app.get(StagingSweeper).sweep(new Date(Date.now() + 60_000));
    expect(removed).toContain(ended);
    expect(removed).not.toContain(kept);
    expect(await staging.rowCount(ended)).toBe(0);
    expect(await staging.rowCount(kept)).toBe(2);
    expect(existsSync(join(dataDir, 'staging'))).toBe(false);
  });
});
