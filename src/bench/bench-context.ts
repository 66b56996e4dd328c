import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../app.factory';
import type { QuarryConfig } from '../config/config';
import { withEndpoints } from '../config/with-endpoints';
import { prepareLocalStack } from '../cli/local-stack-for';
import { installTemporalRuntimeLogger } from '../temporal/runtime-logger';

export interface BenchContext {
  config: QuarryConfig;
  app: INestApplication;
  /** Base URL of the API under test. */
  url: string;
  /** Server processes the bench started (absent for configured servers). */
  pids: { temporal?: number; weaviate?: number };
  close(): Promise<void>;
}

/**
 * A Quarry of its own for a bench run: a local stack on a fresh data folder (or the configured
 * servers), and the API with its embedded worker on a free port. No rate limit and no per-tenant
 * caps: the bench is the load. Nothing of a user's own data is touched.
 */
export async function startBenchContext(
  base: QuarryConfig,
  log: (line: string) => void,
): Promise<BenchContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quarry-bench-'));
  const configured: QuarryConfig = {
    ...base,
    paths: { ...base.paths, dataDir },
    log: { level: 'warn' },
    limits: { ...base.limits, requestsPerMinute: 0 },
    access: { ...base.access, maxRunningTasksPerTenant: 0, maxEventStreamsPerTenant: 0 },
  };
  const { stack, config: provisioned } = await prepareLocalStack(configured, {
    preferDefaultPorts: false,
    ui: false,
    log,
  });
  const endpoints = await stack.start();
  const config = withEndpoints(provisioned, endpoints);
  await installTemporalRuntimeLogger(pino({ level: 'warn' }));
  const app = await createApp(config, { shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  log(`bench stack up: Temporal ${endpoints.temporal.address}, Weaviate ${endpoints.weaviate.url}`);
  return {
    config,
    app,
    url: `http://127.0.0.1:${port}`,
    pids: { temporal: stack.processes.temporal?.pid, weaviate: stack.processes.weaviate?.pid },
    async close() {
      await app.close();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON over HTTP for the bench; throws on a non-2xx answer. */
export async function api<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
