import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StagingSweeper } from '../../src/knowledge/ingest/staging-sweeper';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const MB = 1024 * 1024;
const file = (name: string, bytes: number, type = 'text/plain') =>
  new File([new Uint8Array(bytes).fill(0x61)], name, { type });

function form(...files: File[]): FormData {
  const body = new FormData();
  for (const f of files) body.append('files', f);
  return body;
}

/** Job folders in an app's staging folder. */
const staged = (t: TestApp): string[] => {
  const root = join(t.config.paths.dataDir, 'staging');
  try {
    return readdirSync(root);
  } catch {
    return [];
  }
};

// Uploads stream into a staging folder per job, within a total per request, and the folder goes
// when the ingestion ends however it ends: refused, never started, failed, cancelled, or ended
// without running any code of its own (terminated), which the sweeper catches.
describe('document uploads: streamed to disk, bounded per request, cleaned up', () => {
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `up-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // No worker: a started ingestion stays running, and its uploads stay staged, until told.
    t = await startTestApp({
      QUARRY_DATA_DIR: mkdtempSync(join(tmpdir(), 'quarry-uploads-')),
      QUARRY_EMBEDDED_WORKER: 'false',
      QUARRY_MAX_UPLOAD_MB: '1',
      QUARRY_MAX_UPLOAD_REQUEST_MB: '1.5',
    });
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    for await (const w of client.workflow.list({
      query: `TaskQueue = '${t.config.temporal.taskQueue}' AND ExecutionStatus = 'Running'`,
    })) {
      await client.workflow.getHandle(w.workflowId).terminate('test over');
    }
    await connection?.close();
    await t?.close();
  });

  it('refuses files over the total of one request with 413 naming the limit, and keeps nothing', async () => {
    const third = 0.6 * MB;
    const res = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file('a.txt', third), file('b.txt', third), file('c.txt', third)),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('over the limit of 1.5 MB together');
    expect(res.body.error.message).toContain('QUARRY_MAX_UPLOAD_REQUEST_MB');
    expect(staged(t)).toEqual([]);
  });

  it('keeps nothing of a file over the per-file limit, an unsupported type or a bad remove field', async () => {
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
      form(file('ok.txt', 100), file('photo.png', 100, 'image/png')),
    );
    expect(png.status).toBe(415);
    expect(png.body.error.message).toContain('photo.png');
    const badRemove = form(file('ok.txt', 100));
    badRemove.append('remove', 'not json');
    expect((await call(t.url, 'POST', `/v1/collections/${kb}/documents`, badRemove)).status).toBe(
      400,
    );
    const longName = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file(`${'n'.repeat(600)}.txt`, 100)),
    );
    expect(longName.status).toBe(400);
    expect(longName.body.error.message).toContain('1-512 characters');
    const missing = await call(
      t.url,
      'POST',
      '/v1/collections/nope/documents',
      form(file('a.txt', 100)),
    );
    expect(missing.status).toBe(404);
    expect(staged(t)).toEqual([]);
  });

  it('writes an upload to disk while it is still arriving', async () => {
    const boundary = `quarry-${randomUUID()}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="slow.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const firstPart = 'a'.repeat(256 * 1024);
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const encoder = new TextEncoder();
        controller.enqueue(encoder.encode(head + firstPart));
        await rest;
        controller.enqueue(encoder.encode(`${'b'.repeat(256 * 1024)}\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const response = fetch(`${t.url}/v1/collections/${kb}/documents`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    });

    // Before the request has ended, the first part is already in the job's staging folder.
    let written = 0;
    for (let i = 0; i < 200 && written < firstPart.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const [job] = staged(t);
      const dir = job && join(t.config.paths.dataDir, 'staging', job);
      const [name] = dir ? readdirSync(dir) : [];
      written = name ? statSync(join(dir, name)).size : 0;
    }
    expect(written).toBeGreaterThanOrEqual(firstPart.length);
    sendRest();
    const res = await response;
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const dir = join(t.config.paths.dataDir, 'staging', jobId);
    expect(readdirSync(dir).map((n) => statSync(join(dir, n)).size)).toEqual([512 * 1024]);
  });

  it('sweeps the uploads of jobs that ended without cleaning up, and of jobs never started', async () => {
    const running = await call(t.url, 'POST', `/v1/collections/${kb}/documents`, {
      documents: [{ source: 'a.md', text: '# A\n\ntext' }],
    });
    const terminated = await call(t.url, 'POST', `/v1/collections/${kb}/documents`, {
      documents: [{ source: 'b.md', text: '# B\n\ntext' }],
    });
    await client.workflow.getHandle(terminated.body.jobId).terminate('gone without a word');
    const neverStarted = `ingest-${randomUUID()}`;
    mkdirSync(join(t.config.paths.dataDir, 'staging', neverStarted));

    const sweeper = t.app.get(StagingSweeper);
    const removed = await sweeper.sweep(new Date(Date.now() + 60_000));
    expect(removed).toEqual(expect.arrayContaining([terminated.body.jobId, neverStarted]));
    expect(staged(t)).toContain(running.body.jobId);
    expect(staged(t)).not.toContain(terminated.body.jobId);
    expect(staged(t)).not.toContain(neverStarted);
  });
});

describe('document uploads when Temporal cannot start the ingestion', () => {
  let t: TestApp;
  const kb = `up-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // Nothing listens on port 1 of the loopback address: every Temporal call fails.
    t = await startTestApp({
      QUARRY_DATA_DIR: mkdtempSync(join(tmpdir(), 'quarry-uploads-')),
      QUARRY_EMBEDDED_WORKER: 'false',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
  });
  afterAll(async () => t?.close());

  it('answers with an error and removes what it had staged', async () => {
    const res = await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents`,
      form(file('a.txt', 1000)),
    );
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(staged(t)).toEqual([]);
  }, 120_000);
});
