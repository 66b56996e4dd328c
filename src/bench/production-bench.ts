import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.factory';
import { prepareProductionStack } from '../cli/start-production';
import type { QuarryConfig } from '../config/config';
import { withEndpoints } from '../config/with-endpoints';
import { processCpuSeconds } from './cpu-split';
import { benchIngest } from './ingest-bench';
import { benchTasks, type TaskLoadFigures } from './tasks-bench';

export interface ProductionTaskFigures extends TaskLoadFigures {
  workers: number;
  api_cpu_s: number;
  temporal_cpu_s: number;
  postgres_cpu_s: number;
  weaviate_cpu_s: number;
  /** One figure per worker process, in worker order. */
  worker_cpu_s: number[];
  /** The machine's 1-minute load average as the level ended (others' work included). */
  load_1m: number;
}

/** PostgreSQL forks a backend per connection: the postmaster's CPU plus its children's. */
function familyCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  let total = processCpuSeconds(pid);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(f[13]) + Number(f[14])) / 100; // reaped children: cutime + cstime
  } catch {
    return total;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) total += processCpuSeconds(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The tasks section on the production topology, once with 1 and once with 2 worker processes,
 * each on a fresh data folder with the PDF knowledge base ingested by the workers.
 */
export async function benchProductionTasks(
  base: QuarryConfig,
  corpus: string,
  questions: string[],
  plan: readonly (readonly [number, number])[],
  say: (line: string) => void,
): Promise<ProductionTaskFigures[]> {
  const out: ProductionTaskFigures[] = [];
  for (const workers of [1, 2]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'quarry-bench-production-'));
    const configured: QuarryConfig = {
      ...base,
      paths: { ...base.paths, dataDir },
      log: { level: 'warn' },
      // As on the dev stack (bench-context.ts): no rate limit and no per-tenant caps, the bench is
      // the load. Without this, 30 of 50 tasks at concurrency 50 got 429 (20 running at most).
      limits: { ...base.limits, requestsPerMinute: 0 },
      access: { ...base.access, maxRunningTasksPerTenant: 0, maxEventStreamsPerTenant: 0 },
      stack: { kind: 'production', workers },
    };
    const { stack, config } = await prepareProductionStack(configured, say);
    try {
      const endpoints = await stack.start();
      const apiConfig = withEndpoints(config, endpoints);
      apiConfig.temporal = { ...apiConfig.temporal, embeddedWorker: false };
      const app = await createApp(apiConfig, { shutdownHooks: false });
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
      try {
        say(`production, ${workers} worker(s): ingesting the PDF`);
        await benchIngest(url, corpus);
        const p = stack.processes;
        const pids = {
          temporal: p.temporal?.pid,
          postgres: p.postgres?.pid,
          weaviate: p.weaviate?.pid,
          workers: p.workers.map((w) => w.pid),
        };
        for (const [concurrency, count] of plan) {
          say(`production, ${workers} worker(s): ${count} tasks at concurrency ${concurrency}`);
          const self0 = process.cpuUsage();
          const t0 = processCpuSeconds(pids.temporal);
          const pg0 = familyCpuSeconds(pids.postgres);
          const w0 = processCpuSeconds(pids.weaviate);
          const k0 = pids.workers.map((pid) => processCpuSeconds(pid));
          const result = await benchTasks(url, 'bench-pdf', questions, concurrency, count);
          const self = process.cpuUsage(self0);
          out.push({
            workers,
            ...result,
            api_cpu_s: round2((self.user + self.system) / 1e6),
            temporal_cpu_s: round2(processCpuSeconds(pids.temporal) - t0),
            postgres_cpu_s: round2(familyCpuSeconds(pids.postgres) - pg0),
            weaviate_cpu_s: round2(processCpuSeconds(pids.weaviate) - w0),
            worker_cpu_s: pids.workers.map((pid, i) =>
              round2(processCpuSeconds(pid) - (k0[i] ?? 0)),
            ),
            load_1m: round2(loadavg()[0]),
          });
        }
      } finally {
        await app.close();
      }
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}
