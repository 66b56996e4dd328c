import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { loadConfig, type QuarryConfig } from '../../src/config/config';

export interface TestApp {
  app: INestApplication;
  url: string;
  config: QuarryConfig;
  close: () => Promise<void>;
}

/**
 * A real Quarry app against the suite's real stack, on a random port, with its own task queue so
 * test files never steal each other's workflow tasks. The bound on open tasks per tenant is off
 * unless a test sets it: it counts a tenant's tasks in the whole namespace, which every test file
 * shares (as the local tenant, or the same key names), so it would couple unrelated files.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const config = loadConfig({
    ...process.env,
    PORT: '1',
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    QUARRY_MAX_RUNNING_TASKS_PER_TENANT: '0',
    ...env,
  });
  const app = await createApp(config, { shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, config, close: () => app.close() };
}
