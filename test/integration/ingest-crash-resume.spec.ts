import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chunkDocument } from '../../src/knowledge/chunking';
import { cleanDocument } from '../../src/knowledge/cleaning';
import { loadDocument } from '../../src/knowledge/loaders';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const cli = join(__dirname, '..', '..', 'bin', 'quarry.js');
const FILES = 24;

function startWorker(taskQueue: string): ChildProcess {
  return spawn(process.execPath, [cli, 'worker'], {
    env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, QUARRY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function text(i: number): string {
  const para = (j: number) =>
    `第${i}篇第${j}段：持久执行意味着工作流的每一步都被记录下来，进程崩溃之后可以在另一台机器上从中断的地方继续。` +
    `Document ${i} paragraph ${j} explains retries, heartbeats and idempotent writes in plain words. `;
  return `# 文档 ${i}\n\n${Array.from({ length: 8 }, (_, j) => para(j)).join('\n\n')}`;
}

async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('durable ingestion: kill -9 the worker mid-way', () => {
  let t: TestApp;
  const workers: ChildProcess[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t?.close();
  });

  it('a new worker finishes the job with no duplicate and no missing chunk', async () => {
    t = await startTestApp({ QUARRY_EMBEDDED_WORKER: 'false' });
    const kb = `crash-${randomUUID().slice(0, 8)}`;
    await call(t.url, 'POST', '/v1/collections', { name: kb, chunkSize: 200, chunkOverlap: 30 });
    const documents = Array.from({ length: FILES }, (_, i) => ({
      source: `docs/${i}.md`,
      text: text(i),
    }));

    let expectedChunks = 0;
    for (const d of documents) {
      const doc = cleanDocument(
        await loadDocument({ source: d.source, bytes: new TextEncoder().encode(d.text) }),
      );
      expectedChunks += chunkDocument(doc, { size: 200, overlap: 30 }).length;
    }

    const first = startWorker(t.config.temporal.taskQueue);
    workers.push(first);
    const started = await call(t.url, 'POST', `/v1/collections/${kb}/documents`, { documents });
    expect(started.status).toBe(202);
    const jobId = started.body.jobId as string;

    await until(
      () => call(t.url, 'GET', `/v1/ingestions/${jobId}`),
      (r) => r.body.doneFiles >= 3,
      120_000,
    );
    first.kill('SIGKILL');
    const afterKill = (await call(t.url, 'GET', `/v1/collections/${kb}`)).body.chunks as number;
    expect(afterKill).toBeLessThan(expectedChunks);

    workers.push(startWorker(t.config.temporal.taskQueue));
    const done = await until(
      () => call(t.url, 'GET', `/v1/ingestions/${jobId}`),
      (r) => r.body.state !== 'running',
      150_000,
    );
    expect(done.body).toMatchObject({
      state: 'completed',
      indexed: FILES,
      failed: 0,
      totalFiles: FILES,
    });

    const described = await call(t.url, 'GET', `/v1/collections/${kb}`);
    expect(described.body.chunks).toBe(expectedChunks);
    expect(described.body.documents).toMatchObject({ total: FILES, indexed: FILES, failed: 0 });
    const hit = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: '第23篇第7段',
      mode: 'keyword',
      limit: 1,
    });
    expect(hit.body.hits[0].source).toBe('docs/23.md');
  }, 300_000);
});
