import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLive } from './proc-info';
import { eventsDatabaseUrl, readStackState, stagingDatabaseUrl } from './stack-state';
import type { StackEndpoints } from './local-stack';

/**
 * Endpoints of a local stack another `quarry start` is running on this data folder, so
 * `quarry worker` and `quarry serve` in a second terminal find it without configuration.
 */
export function runningStackEndpoints(dataDir: string): StackEndpoints | undefined {
  const lock = join(dataDir, 'stack.lock');
  if (!existsSync(lock)) return undefined;
  if (!isLive(Number(readFileSync(lock, 'utf8').trim()))) return undefined;
  const state = readStackState(dataDir);
  const temporalPort =
    state.mode === 'production'
      ? state.production?.temporalPorts.frontend
      : state.temporalPorts?.grpc;
  if (!temporalPort || !state.weaviatePorts) return undefined;
  return {
    temporal: { address: `127.0.0.1:${temporalPort}`, managed: false },
    weaviate: {
      url: `http://127.0.0.1:${state.weaviatePorts.http}`,
      grpcUrl: `http://127.0.0.1:${state.weaviatePorts.grpc}`,
      apiKey: state.weaviateApiKey,
      managed: false,
    },
    staging:
      state.production && state.mode === 'production'
        ? { databaseUrl: stagingDatabaseUrl(state.production) }
        : undefined,
    events:
      state.production && state.mode === 'production'
        ? { databaseUrl: eventsDatabaseUrl(state.production) }
        : undefined,
  };
}
