import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ManagedProcess, type ManagedProcessOptions } from '../managed-process';

/** Every port the four Temporal services bind, all on 127.0.0.1. */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export interface TemporalServerOptions {
  binary: string;
  dir: string;
  ports: TemporalServerPorts;
  postgresPort: number;
  password: string;
  logDir: string;
  lock?: ManagedProcessOptions['lock'];
  onUnexpectedExit?: ManagedProcessOptions['onUnexpectedExit'];
}

function sqlStore(database: string, port: number, password: string, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${port}`,
      connectProtocol: 'tcp',
      user: 'temporal',
      password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

const rpc = (grpcPort: number, membershipPort: number, httpPort?: number) => ({
  rpc: { grpcPort, membershipPort, bindOnIP: '127.0.0.1', ...(httpPort ? { httpPort } : {}) },
});

/** The server's static config: PostgreSQL for history and visibility, one node, loopback only. */
export function temporalServerConfig(o: TemporalServerOptions): Record<string, unknown> {
  const p = o.ports;
  return {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      // Fixed for the life of the database: a small cluster's worth.
      numHistoryShards: 4,
      datastores: {
        default: sqlStore('temporal', o.postgresPort, o.password, 20),
        visibility: sqlStore('temporal_visibility', o.postgresPort, o.password, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: rpc(p.frontend, p.frontendMembership, p.frontendHttp),
      history: rpc(p.history, p.historyMembership),
      matching: rpc(p.matching, p.matchingMembership),
      worker: rpc(p.worker, p.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${p.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: join(o.dir, 'dynamicconfig.yaml'), pollInterval: '60s' },
  };
}

/** Dynamic config: the same ID limit as the compose deployment (deploy/temporal/dynamicconfig.yaml). */
const DYNAMIC_CONFIG = { 'limit.maxIDLength': [{ value: 255, constraints: {} }] };

export function temporalServer(o: TemporalServerOptions): ManagedProcess {
  mkdirSync(o.dir, { recursive: true });
  const configFile = join(o.dir, 'config.yaml');
  // Holds the database password: readable by the owner only.
  writeFileSync(configFile, stringify(temporalServerConfig(o)), { mode: 0o600 });
  writeFileSync(join(o.dir, 'dynamicconfig.yaml'), stringify(DYNAMIC_CONFIG));
  return new ManagedProcess({
    name: 'Temporal server',
    command: o.binary,
    // No authorizer: the frontend listens on 127.0.0.1 only, like the dev server.
    args: ['--config-file', configFile, '--allow-no-auth', 'start'],
    cwd: o.dir,
    logFile: join(o.logDir, 'temporal-server.log'),
    lock: o.lock,
    onUnexpectedExit: o.onUnexpectedExit,
  });
}

/** The frontend answers over HTTP once it serves (gRPC probes of a booting server leave timers). */
export async function temporalServerReady(httpPort: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/api/v1/system-info`, {
    signal: AbortSignal.timeout(1000),
  });
  return res.ok;
}
