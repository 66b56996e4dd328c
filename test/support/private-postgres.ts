import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickPort } from '../../src/stack/free-port';
import {
  initCluster,
  postgresReady,
  postgresServer,
} from '../../src/stack/production/postgres-cluster';
import { findPostgresBinDir } from '../../src/stack/provision/postgres-install';

export interface PrivatePostgres {
  /** A URL on the cluster as its superuser `temporal`, naming `database`. */
  url(database: string): string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL cluster of its own in a temp folder, on loopback, started with the production
 * stack's code (as `postgres` when the tests run as root). Undefined where PostgreSQL is not
 * installed (`quarry setup --stack production` installs it; CI runs that first).
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres | undefined> {
  const binDir = await findPostgresBinDir(process.env, process.env.QUARRY_POSTGRES_BIN_DIR);
  if (!binDir) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'quarry-pg-'));
  const dir = join(root, 'postgres');
  const logDir = join(root, 'logs');
  mkdirSync(logDir, { recursive: true });
  const port = await pickPort(undefined, new Set());
  const password = randomBytes(12).toString('hex');
  const options = { binDir, dir, port, logDir };
  await initCluster(options, password);
  const server = postgresServer(options);
  server.start();
  await server.waitUntilReady(() => postgresReady(binDir, port), 60_000);
  return {
    url: (database) => `postgres://temporal:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
