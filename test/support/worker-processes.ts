import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { call } from './http';
import { startTestApp, type TestApp } from './test-app';

const CLI = join(__dirname, '..', '..', 'bin', 'quarry.js');

/** Two short guides the worker-crash tests ingest and ask about. */
export const CRASH_TEST_DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
  {
    source: 'guide/durability.md',
    text: '# 持久执行\n\nQuarry 把智能体的每一步作为一个 Temporal 活动运行。工作进程崩溃时，工作流会从中断的那一步继续。',
  },
];

/**
 * `quarry worker` processes of a test: each started with the test's environment on top of this
 * process's, the last one at hand to kill, all killed at the end.
 */
export class WorkerProcesses {
  private readonly started: ChildProcess[] = [];

  constructor(private readonly env: () => NodeJS.ProcessEnv) {}

  start(): ChildProcess {
    const worker = spawn(process.execPath, [CLI, 'worker'], {
      env: { ...process.env, QUARRY_LOG_LEVEL: 'warn', ...this.env() },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.started.push(worker);
    return worker;
  }

  get latest(): ChildProcess {
    const worker = this.started.at(-1);
    if (!worker) throw new Error('no worker started yet');
    return worker;
  }

  killAll(): void {
    for (const w of this.started) if (w.exitCode === null) w.kill('SIGKILL');
  }
}

/** The API without a worker, the guides ingested through a first worker process, and a client. */
export interface CrashTestBed {
  t: TestApp;
  client: Client;
  workers: WorkerProcesses;
  close(): Promise<void>;
}

export async function startCrashTestBed(
  kb: string,
  appEnv: Record<string, string | undefined>,
  workerEnv: NodeJS.ProcessEnv,
): Promise<CrashTestBed> {
  const t = await startTestApp({ ...appEnv, QUARRY_EMBEDDED_WORKER: 'false' });
  const workers = new WorkerProcesses(() => ({
    ...workerEnv,
    TEMPORAL_TASK_QUEUE: t.config.temporal.taskQueue,
  }));
  await call(t.url, 'POST', '/v1/collections', { name: kb });
  workers.start();
  const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
    documents: CRASH_TEST_DOCS,
  });
  if (res.body?.status !== 'completed')
    throw new Error(`ingesting the guides did not complete: ${JSON.stringify(res.body)}`);
  const connection = await Connection.connect({ address: t.config.temporal.address! });
  const client = new Client({ connection, namespace: t.config.temporal.namespace });
  return {
    t,
    client,
    workers,
    async close() {
      workers.killAll();
      await connection.close();
      await t.close();
    },
  };
}
