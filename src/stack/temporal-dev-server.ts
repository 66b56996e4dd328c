import { join } from 'node:path';
import { QUARRY_SEARCH_ATTRIBUTES } from '../temporal/search-attributes';
import { ManagedProcess, type ManagedProcessOptions } from './managed-process';

export interface TemporalDevServerPorts {
  grpc: number;
  ui: number;
  http: number;
  metrics: number;
}

export interface TemporalDevServerOptions {
  binary: string;
  dataDir: string;
  namespace: string;
  ports: TemporalDevServerPorts;
  logDir: string;
  lock?: ManagedProcessOptions['lock'];
  onUnexpectedExit?: ManagedProcessOptions['onUnexpectedExit'];
  /** false disables the Web UI (tests). */
  ui?: boolean;
}

export function temporalDevServerArgs(o: TemporalDevServerOptions): string[] {
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    join(o.dataDir, 'temporal.sqlite'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.ports.grpc),
    '--http-port',
    String(o.ports.http),
    '--metrics-port',
    String(o.ports.metrics),
    '--namespace',
    o.namespace,
    // WAL lets readers (visibility queries) proceed while history is written.
    '--sqlite-pragma',
    'journal_mode=WAL',
    // With SQLite's default (FULL) every commit waits for an fsync, and an activity is at least two
    // commits: that was the ≈ 50 ms floor per activity (1.56× this setting, scripts/temporal-floor,
    // docs/BENCHMARKS.md). NORMAL syncs at checkpoints; a server crash still loses nothing.
    '--sqlite-pragma',
    'synchronous=NORMAL',
    '--log-level',
    'warn',
    '--log-format',
    'json',
  ];
  if (o.ui === false) args.push('--headless');
  else args.push('--ui-port', String(o.ports.ui), '--ui-disable-news-fetch');
  for (const [name, type] of Object.entries(QUARRY_SEARCH_ATTRIBUTES)) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  return args;
}

/**
 * Ready means the frontend answers and Quarry's namespace exists. Probed over the dev server's HTTP
 * API: gRPC connection attempts against a server still booting leave reconnect timers behind.
 */
export async function temporalReady(httpPort: number, namespace: string): Promise<boolean> {
  const res = await fetch(
    `http://127.0.0.1:${httpPort}/api/v1/namespaces/${encodeURIComponent(namespace)}`,
    {
      signal: AbortSignal.timeout(1000),
    },
  );
  return res.ok;
}

export function temporalDevServer(o: TemporalDevServerOptions): ManagedProcess {
  return new ManagedProcess({
    name: 'Temporal dev server',
    command: o.binary,
    args: temporalDevServerArgs(o),
    cwd: o.dataDir,
    lock: o.lock,
    onUnexpectedExit: o.onUnexpectedExit,
    logFile: join(o.logDir, 'temporal.log'),
  });
}
