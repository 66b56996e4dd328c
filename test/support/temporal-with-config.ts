import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/stack/free-port';
import { ManagedProcess } from '../../src/stack/managed-process';
import { temporalDevServerArgs, temporalReady } from '../../src/stack/temporal-dev-server';

/**
 * A Temporal dev server of the test's own, with dynamic config values the suite's shared server
 * must not have (e.g. a tiny `limit.historyCount.suggestContinueAsNew`). Same binary, namespace and
 * search attributes as the local stack; Weaviate stays the shared one.
 */
export async function temporalWithConfig(
  dynamicConfig: Record<string, unknown>,
): Promise<{ address: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-temporal-'));
  const ports = {
    grpc: await freePort(),
    ui: 0,
    http: await freePort(),
    metrics: await freePort(),
  };
  const args = temporalDevServerArgs({
    binary: process.env.QUARRY_TEMPORAL_BIN!,
    dataDir: dir,
    namespace: 'quarry',
    ports,
    logDir: dir,
    ui: false,
  });
  for (const [key, value] of Object.entries(dynamicConfig))
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  const server = new ManagedProcess({
    name: 'Temporal dev server (test)',
    command: process.env.QUARRY_TEMPORAL_BIN!,
    args,
    cwd: dir,
    logFile: join(dir, 'temporal.log'),
  });
  server.start();
  await server.waitUntilReady(() => temporalReady(ports.http, 'quarry'), 60_000);
  return {
    address: `127.0.0.1:${ports.grpc}`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
