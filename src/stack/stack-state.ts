import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemporalDevServerPorts } from './temporal-dev-server';
import type { TemporalServerPorts } from './production/temporal-server';
import type { WeaviatePorts } from './weaviate-server';

/**
 * What a local stack must remember between runs: the ports it chose (Weaviate's Raft log records
 * its own address, so a restart must come back on the same ports) and Weaviate's API key.
 */
export interface StackState {
  temporalPorts?: TemporalDevServerPorts;
  weaviatePorts?: WeaviatePorts;
  weaviateApiKey: string;
  /** Which stack ran last: `quarry worker` in a second terminal connects to its Temporal. */
  mode?: 'dev' | 'production';
  /** The production stack's PostgreSQL and Temporal server. */
  production?: {
    postgresPort: number;
    postgresPassword: string;
    temporalPorts: TemporalServerPorts;
  };
}

export function stackStatePath(dataDir: string): string {
  return join(dataDir, 'stack.json');
}

export function readStackState(dataDir: string): StackState {
  const file = stackStatePath(dataDir);
  if (existsSync(file)) {
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as StackState;
      if (typeof state.weaviateApiKey === 'string' && state.weaviateApiKey.length >= 16)
        return state;
    } catch {
      // unreadable: start over with fresh ports and a fresh key (data folders stay)
    }
  }
  return { weaviateApiKey: randomBytes(24).toString('base64url') };
}

export function writeStackState(dataDir: string, state: StackState): void {
  const file = stackStatePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * The production stack's database for staged uploads, on its PostgreSQL as Temporal's user
 * (the staging store creates the database on first use).
 */
export function stagingDatabaseUrl(p: { postgresPort: number; postgresPassword: string }): string {
  return `postgres://temporal:${encodeURIComponent(p.postgresPassword)}@127.0.0.1:${p.postgresPort}/quarry_staging`;
}

/**
 * Where the production stack's live tokens cross processes: LISTEN/NOTIFY needs no table, so the
 * `postgres` database every cluster has does, with nothing to create.
 */
export function eventsDatabaseUrl(p: { postgresPort: number; postgresPassword: string }): string {
  return `postgres://temporal:${encodeURIComponent(p.postgresPassword)}@127.0.0.1:${p.postgresPort}/postgres`;
}
