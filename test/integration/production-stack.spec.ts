import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareProductionStack } from '../../src/cli/start-production';
import { loadConfig } from '../../src/config/config';
import { Staging } from '../../src/knowledge/ingest/staging';
import { PostgresStaging } from '../../src/knowledge/ingest/staging-postgres';
import type { ProductionStack } from '../../src/stack/production/production-stack';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The production topology for real: PostgreSQL, the Temporal server on it, Weaviate, the API
 * without a worker (here, in-process) and two `quarry worker` processes, all on loopback.
 */
describe('the production stack (Temporal on PostgreSQL, separate worker processes)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'quarry-production-')), 'data');
  // The API's own data folder, which no worker sees: uploads must reach workers another way.
  const apiDataDir = mkdtempSync(join(tmpdir(), 'quarry-production-api-'));
  const kb = `prod-${randomUUID().slice(0, 8)}`;
  const lines: string[] = [];
  let stack: ProductionStack;
  let t: TestApp;
  let temporal: Client;
  let connection: Connection;

  const workerPids = () => stack.processes.workers.map((w) => w.pid);
  const task = (id: string) => call(t.url, 'GET', `/v1/tasks/${id}`);
  /** Polls a task until it ends; GETs that hit a restarting Temporal are simply retried. */
  const finished = async (id: string, ms = 240_000): Promise<{ status: string }> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const res = await task(id).catch(() => undefined);
      const status = res?.status === 200 ? (res.body as { status: string }).status : undefined;
      if (status && ['completed', 'failed', 'cancelled'].includes(status)) return { status };
      if (Date.now() > deadline)
        throw new Error(`task ${id} did not end: ${JSON.stringify(res?.body)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  const identities = async (workflowId: string): Promise<string[]> => {
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).flatMap((e) =>
      [
        e.workflowTaskStartedEventAttributes?.identity ?? [],
        e.activityTaskStartedEventAttributes?.identity ?? [],
      ].flat(),
    );
  };

  beforeAll(async () => {
    const env: Record<string, string | undefined> = { ...process.env, QUARRY_DATA_DIR: dataDir };
    delete env.TEMPORAL_ADDRESS;
    delete env.WEAVIATE_URL;
    delete env.WEAVIATE_GRPC_URL;
    delete env.WEAVIATE_API_KEY;
    const config = loadConfig({ ...env, QUARRY_STACK: 'production', QUARRY_WORKERS: '2' });
    const prepared = await prepareProductionStack(config, (l) => lines.push(l));
    stack = prepared.stack;
    const e = await stack.start();
    t = await startTestApp({
      QUARRY_DATA_DIR: apiDataDir,
      QUARRY_STAGING_DATABASE_URL: e.staging?.databaseUrl,
      TEMPORAL_ADDRESS: e.temporal.address,
      TEMPORAL_TASK_QUEUE: 'quarry',
      WEAVIATE_URL: e.weaviate.url,
      WEAVIATE_GRPC_URL: e.weaviate.grpcUrl,
      WEAVIATE_API_KEY: e.weaviate.apiKey,
      QUARRY_EMBEDDED_WORKER: 'false',
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
    });
    connection = await Connection.connect({ address: e.temporal.address });
    temporal = new Client({ connection, namespace: 'quarry' });
  }, 400_000);

  afterAll(async () => {
    await connection?.close();
    await t?.close();
    await stack?.stop();
  }, 120_000);

  it('runs an ingestion uploaded through the API in a worker process that shares no folder with it', async () => {
    expect(stack.processes.workers).toHaveLength(2);
    // Every worker has a data folder of its own, and none is the API's.
    const workerDirs = stack.processes.workers.map((w) => w.options.env?.QUARRY_DATA_DIR);
    expect(new Set([...workerDirs, apiDataDir, dataDir]).size).toBe(4);
    const staging = t.app.get(Staging);
    expect(staging).toBeInstanceOf(PostgresStaging);
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    const form = new FormData();
    form.append(
      'files',
      new Blob([
        '# Hybrid search\n\nThe alpha parameter weighs keyword search against vector search.',
      ]),
      'notes/hybrid.md',
    );
    form.append(
      'files',
      new Blob(['# Temporal\n\nDurable execution keeps workflow state across worker crashes.']),
      'notes/temporal.md',
    );
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, form);
    expect(res.status).toBe(200);
    expect(res.body.progress).toMatchObject({ indexed: 2, failed: 0 });
    const jobId = res.body.jobId as string;
    const ran = await identities(jobId);
    const pids = workerPids().map(String);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.every((id) => pids.includes(id.split('@')[0]))).toBe(true);
    // The workflow carried PostgreSQL locations, not paths; the API's folder never had a byte.
    const history = await temporal.workflow.getHandle(jobId).fetchHistory();
    const payload =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const input = JSON.parse(Buffer.from(payload ?? []).toString()) as {
      files: { path: string }[];
    };
    expect(input.files.map((f) => f.path)).toEqual([`${jobId}/0`, `${jobId}/1`]);
    expect(existsSync(join(apiDataDir, 'staging'))).toBe(false);
    // The job removed its staged rows when it ended.
    expect(await (staging as PostgresStaging).rowCount(jobId)).toBe(0);
  }, 120_000);

  it("runs research tasks' sub-questions on both workers", async () => {
    // Four at once: which worker takes a child's first workflow task is up to Temporal's matching
    // (its activities then follow it), so one small task alone may land on a single worker.
    const created = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        call(t.url, 'POST', '/v1/tasks', {
          mode: 'research',
          question: `How does the alpha parameter work in hybrid search, and what keeps workflow state durable? (${n})`,
          collection: kb,
          options: { maxSubQuestions: 6, concurrency: 6 },
        }),
      ),
    );
    const seen = new Set<string>();
    for (const c of created) {
      expect(c.status).toBe(202);
      expect((await finished(c.body.id as string)).status).toBe('completed');
      const history = await temporal.workflow.getHandle(c.body.id as string).fetchHistory();
      const children = (history.events ?? [])
        .map((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId)
        .filter((id): id is string => Boolean(id));
      expect(children.length).toBeGreaterThan(1);
      for (const id of (await Promise.all(children.map(identities))).flat()) seen.add(id);
    }
    // The worker identity is pid@host: the children ran on both worker processes, and only there.
    expect([...new Set([...seen].map((id) => Number(id.split('@')[0])))].sort()).toEqual(
      [...workerPids()].sort(),
    );
  }, 300_000);

  it('lists and filters tasks from PostgreSQL-backed visibility', async () => {
    const asked = await call(t.url, 'POST', '/v1/tasks', {
      question: 'What does the alpha parameter weigh?',
      collection: kb,
    });
    expect((await finished(asked.body.id)).status).toBe('completed');
    const list = async (query: string) =>
      (await call(t.url, 'GET', `/v1/tasks?${query}`)).body as {
        tasks: { id: string; mode: string; status: string }[];
        nextCursor: string | null;
      };
    const mine = await list(`collection=${kb}`);
    expect(mine.tasks.map((x) => x.id)).toEqual(expect.arrayContaining([asked.body.id]));
    expect(
      (await list(`collection=${kb}&mode=research`)).tasks.every((x) => x.mode === 'research'),
    ).toBe(true);
    expect(
      (await list(`collection=${kb}&mode=answer&status=completed`)).tasks.map((x) => x.id),
    ).toEqual([asked.body.id]);
    expect((await list(`collection=${kb}&status=failed`)).tasks).toEqual([]);
    expect((await list(`collection=${kb}&q=alpha`)).tasks.map((x) => x.id)).toContain(
      asked.body.id,
    );
    expect((await list(`collection=${kb}&q=nonexistentword`)).tasks).toEqual([]);
    const page = await list(`collection=${kb}&limit=1`);
    expect(page.tasks).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await list(`collection=${kb}&limit=1&cursor=${page.nextCursor}`);
    expect(next.tasks[0].id).not.toBe(page.tasks[0].id);
  }, 120_000);

  it('100 tasks complete, each once, through a worker killed with SIGKILL and a Temporal server restart', async () => {
    const load = `${kb}-load`;
    expect((await call(t.url, 'POST', '/v1/collections', { name: load })).status).toBe(201);
    await call(t.url, 'POST', `/v1/collections/${load}/documents?wait=true`, {
      documents: [
        {
          source: 'a.md',
          text: '# Hybrid search\n\nThe alpha parameter weighs keyword search against vector search.',
        },
      ],
    });
    const ids: string[] = [];
    const submit = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await call(t.url, 'POST', '/v1/tasks', {
          question: `What does the alpha parameter weigh? (${ids.length + 1})`,
          collection: load,
        });
        expect(res.status).toBe(202);
        ids.push(res.body.id as string);
      }
    };
    await submit(40);
    const victim = stack.processes.workers[0].pid!;
    process.kill(victim, 'SIGKILL');
    await submit(30);
    await stack.restartTemporal();
    await submit(30);
    const results = (await Promise.all(ids.map((id) => finished(id)))) as { status: string }[];
    expect(results.filter((r) => r.status === 'completed')).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    // None twice: exactly one execution per task, and no others, in this knowledge base.
    const count = await temporal.workflow.count(
      `WorkflowType = 'askWorkflow' AND QuarryCollection = '${load}'`,
    );
    expect(count.count).toBe(100);
    expect(lines.join('\n')).toMatch(/worker 1 exited unexpectedly/);
    // The supervisor brought a worker back in the killed one's place.
    expect(workerPids()).not.toContain(victim);
    expect(workerPids()).toHaveLength(2);
  }, 600_000);
});
