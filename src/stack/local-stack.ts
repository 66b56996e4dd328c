import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { pickPort } from './free-port';
import type { ManagedProcess } from './managed-process';
import { ServerLock } from './server-lock';
import { readStackState, writeStackState } from './stack-state';
import {
  temporalDevServer,
  temporalReady,
  type TemporalDevServerPorts,
} from './temporal-dev-server';
import { weaviateReady, weaviateServer, type WeaviatePorts } from './weaviate-server';
import { defaultGrpcUrl } from '../config/weaviate-grpc';

export interface StackEndpoints {
  temporal: { address: string; uiUrl?: string; managed: boolean };
  weaviate: { url: string; grpcUrl: string; apiKey?: string; managed: boolean };
  /** The production stack's PostgreSQL database for staged uploads (QUARRY_STAGING_DATABASE_URL). */
  staging?: { databaseUrl: string };
  /** The production stack's PostgreSQL database for live tokens (QUARRY_EVENTS_DATABASE_URL). */
  events?: { databaseUrl: string };
}

export interface LocalStackOptions {
  dataDir: string;
  namespace: string;
  /** Existing servers: when set, that server is used and not started. */
  external: {
    temporalAddress?: string;
    weaviateUrl?: string;
    weaviateGrpcUrl?: string;
    weaviateApiKey?: string;
  };
  /** Resolves binaries only for the servers that must be started (provisioning is lazy). */
  binaries: (need: {
    temporal: boolean;
    weaviate: boolean;
  }) => Promise<{ temporal?: string; weaviate?: string }>;
  /** Another part provides Temporal (the production stack): start Weaviate only. */
  noTemporal?: boolean;
  /** Try the well-known ports first (7233, 8233, 8080, 50051): convenient for a laptop, off in tests. */
  preferDefaultPorts?: boolean;
  ui?: boolean;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

const DEFAULTS = { grpc: 7233, ui: 8233, weaviateHttp: 8080, weaviateGrpc: 50051 };

/**
 * The embedded local stack: a Temporal dev server and a Weaviate as child processes, all data under
 * one folder. Serves `quarry start`, the test suite's global setup and the benchmarks.
 */
export class LocalStack {
  private temporal?: ManagedProcess;
  private weaviate?: ManagedProcess;
  private unlock?: () => void;
  private locks: (ServerLock | undefined)[] = [];
  endpoints?: StackEndpoints;

  constructor(private readonly o: LocalStackOptions) {}

  get processes(): { temporal?: ManagedProcess; weaviate?: ManagedProcess } {
    return { temporal: this.temporal, weaviate: this.weaviate };
  }

  async start(): Promise<StackEndpoints> {
    const { external, dataDir } = this.o;
    const log = this.o.log ?? (() => undefined);
    const needTemporal = !external.temporalAddress && !this.o.noTemporal;
    const needWeaviate = !external.weaviateUrl;
    const endpoints: StackEndpoints = {
      temporal: { address: external.temporalAddress ?? '', managed: needTemporal },
      weaviate: {
        url: external.weaviateUrl ?? '',
        grpcUrl:
          external.weaviateGrpcUrl ??
          (external.weaviateUrl ? defaultGrpcUrl(external.weaviateUrl) : ''),
        apiKey: external.weaviateApiKey,
        managed: needWeaviate,
      },
    };
    if (!needTemporal && !needWeaviate) return (this.endpoints = endpoints);

    mkdirSync(dataDir, { recursive: true });
    this.unlock = lockDataDir(dataDir);
    try {
      const bins = await this.o.binaries({ temporal: needTemporal, weaviate: needWeaviate });
      const state = readStackState(dataDir);
      const taken = new Set<number>();
      const prefer = (saved: number | undefined, wellKnown: number) =>
        saved ?? (this.o.preferDefaultPorts ? wellKnown : undefined);
      const logDir = join(dataDir, 'logs');
      mkdirSync(logDir, { recursive: true });
      const starting: Promise<void>[] = [];

      const crashed = (name: string) => (code: number | null, signal: string | null) =>
        log(`${name} exited unexpectedly (${signal ?? `code ${code}`}); see ${logDir}`);
      // Leftovers from a Quarry that died are stopped before ports are picked, so a restart gets
      // its remembered ports back instead of starting a second server beside the first.
      const temporalDir = join(dataDir, 'temporal');
      const weaviateDir = join(dataDir, 'weaviate');
      const temporalBin = needTemporal ? required(bins.temporal, 'Temporal CLI') : '';
      const weaviateBin = needWeaviate ? required(bins.weaviate, 'Weaviate server') : '';
      if (needTemporal) mkdirSync(temporalDir, { recursive: true });
      if (needWeaviate) mkdirSync(weaviateDir, { recursive: true });
      const [temporalLock, weaviateLock] = await Promise.all([
        needTemporal
          ? ServerLock.claim({
              name: 'Temporal dev server',
              binary: temporalBin,
              dataPath: temporalDir,
              log,
            })
          : undefined,
        needWeaviate
          ? ServerLock.claim({ name: 'Weaviate', binary: weaviateBin, dataPath: weaviateDir, log })
          : undefined,
      ]);
      this.locks = [temporalLock, weaviateLock];

      if (needTemporal) {
        const saved = state.temporalPorts;
        const ports: TemporalDevServerPorts = {
          grpc: await pickPort(prefer(saved?.grpc, DEFAULTS.grpc), taken),
          ui: await pickPort(prefer(saved?.ui, DEFAULTS.ui), taken),
          http: await pickPort(saved?.http, taken),
          metrics: await pickPort(saved?.metrics, taken),
        };
        state.temporalPorts = ports;
        this.temporal = temporalDevServer({
          binary: temporalBin,
          dataDir: temporalDir,
          namespace: this.o.namespace,
          ports,
          logDir,
          ui: this.o.ui !== false,
          lock: temporalLock,
          onUnexpectedExit: crashed('Temporal dev server'),
        });
        const address = `127.0.0.1:${ports.grpc}`;
        endpoints.temporal.address = address;
        if (this.o.ui !== false) endpoints.temporal.uiUrl = `http://127.0.0.1:${ports.ui}`;
        log(`starting Temporal dev server on ${address}`);
        this.temporal.start();
        starting.push(
          this.temporal.waitUntilReady(
            () => temporalReady(ports.http, this.o.namespace),
            this.o.readyTimeoutMs ?? 60_000,
          ),
        );
      }

      if (needWeaviate) {
        const saved = state.weaviatePorts;
        const ports: WeaviatePorts = {
          http: await pickPort(prefer(saved?.http, DEFAULTS.weaviateHttp), taken),
          grpc: await pickPort(prefer(saved?.grpc, DEFAULTS.weaviateGrpc), taken),
          gossip: await pickPort(saved?.gossip, taken),
          data: await pickPort(saved?.data, taken),
          raft: await pickPort(saved?.raft, taken),
          raftRpc: await pickPort(saved?.raftRpc, taken),
        };
        state.weaviatePorts = ports;
        this.weaviate = weaviateServer({
          binary: weaviateBin,
          dataDir: weaviateDir,
          apiKey: state.weaviateApiKey,
          ports,
          logDir,
          lock: weaviateLock,
          onUnexpectedExit: crashed('Weaviate'),
        });
        const url = `http://127.0.0.1:${ports.http}`;
        Object.assign(endpoints.weaviate, {
          url,
          grpcUrl: `http://127.0.0.1:${ports.grpc}`,
          apiKey: state.weaviateApiKey,
        });
        log(`starting Weaviate on ${url}`);
        this.weaviate.start();
        starting.push(
          this.weaviate.waitUntilReady(() => weaviateReady(url), this.o.readyTimeoutMs ?? 120_000),
        );
      }

      writeStackState(dataDir, { ...state, mode: this.o.noTemporal ? 'production' : 'dev' });
      await Promise.all(starting);
      log('local stack ready');
      return (this.endpoints = endpoints);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** Stops what this stack started; data stays on disk for the next start. */
  async stop(): Promise<void> {
    await Promise.all([this.temporal?.stop(), this.weaviate?.stop()]);
    for (const lock of this.locks) lock?.release();
    this.locks = [];
    this.unlock?.();
    this.unlock = undefined;
  }
}

function required(path: string | undefined, what: string): string {
  if (!path) throw new Error(`${what} binary was not provisioned`);
  return path;
}
