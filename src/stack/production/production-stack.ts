import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pickLowPort, pickPort } from '../free-port';
import { LocalStack, type StackEndpoints } from '../local-stack';
import type { ManagedProcess } from '../managed-process';
import { ServerLock } from '../server-lock';
import {
  eventsDatabaseUrl,
  readStackState,
  stagingDatabaseUrl,
  writeStackState,
} from '../stack-state';
import { initCluster, postgresReady, postgresServer } from './postgres-cluster';
import { ensureNamespace } from './temporal-namespace';
import { ensureTemporalSchema } from './temporal-schema';
import { temporalServer, temporalServerReady, type TemporalServerPorts } from './temporal-server';
import { startWorkerProcess, WORKER_READY, type WorkerCommand } from './worker-process';

export interface ProductionStackOptions {
  dataDir: string;
  namespace: string;
  binaries: { temporalServer: string; weaviate: string; postgresBinDir: string };
  workers: number;
  /** How to run one worker; the stack adds the servers' endpoints to its environment. */
  worker: WorkerCommand;
  preferDefaultPorts?: boolean;
  log?: (line: string) => void;
}

const READY_MS = 120_000;

/**
 * The production topology on one machine: PostgreSQL, the Temporal server on it, Weaviate, and
 * worker processes, each a supervised child under one data folder. The API runs in the caller's
 * process (without an embedded worker), as it would on its own host.
 */
export class ProductionStack {
  private weaviateStack: LocalStack;
  private postgres?: ManagedProcess;
  private temporal?: ManagedProcess;
  private workerProcs: ManagedProcess[] = [];
  private stopping = false;
  endpoints?: StackEndpoints;

  constructor(private readonly o: ProductionStackOptions) {
    this.weaviateStack = new LocalStack({
      dataDir: o.dataDir,
      namespace: o.namespace,
      external: {},
      noTemporal: true,
      binaries: () => Promise.resolve({ weaviate: o.binaries.weaviate }),
      preferDefaultPorts: o.preferDefaultPorts,
      log: o.log,
    });
  }

  get processes() {
    return {
      postgres: this.postgres,
      temporal: this.temporal,
      weaviate: this.weaviateStack.processes.weaviate,
      workers: [...this.workerProcs],
    };
  }

  private say(line: string): void {
    this.o.log?.(line);
  }

  private crashed(name: string) {
    return (code: number | null, signal: string | null) =>
      this.say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); see ${this.logDir}`);
  }

  private get logDir(): string {
    return join(this.o.dataDir, 'logs');
  }

  async start(): Promise<StackEndpoints> {
    const { dataDir } = this.o;
    // Takes the data folder's lock and brings Weaviate up (stopping leftovers first).
    const endpoints = await this.weaviateStack.start();
    try {
      const state = readStackState(dataDir);
      const taken = new Set<number>(Object.values(state.weaviatePorts ?? {}));
      const saved = state.production;
      // Below 32768 (membership ports must fit a smallint) and so out of the ephemeral range
      // that outgoing connections draw from.
      const port = async (key: keyof TemporalServerPorts, wellKnown?: number) =>
        pickLowPort(
          saved?.temporalPorts[key] ?? (this.o.preferDefaultPorts ? wellKnown : undefined),
          taken,
        );
      const production = {
        postgresPassword: saved?.postgresPassword ?? randomBytes(18).toString('base64url'),
        postgresPort: await pickPort(saved?.postgresPort, taken),
        temporalPorts: {
          frontend: await port('frontend', 7233),
          frontendHttp: await port('frontendHttp'),
          frontendMembership: await port('frontendMembership'),
          history: await port('history'),
          historyMembership: await port('historyMembership'),
          matching: await port('matching'),
          matchingMembership: await port('matchingMembership'),
          worker: await port('worker'),
          workerMembership: await port('workerMembership'),
        },
      };
      writeStackState(dataDir, { ...state, mode: 'production', production });
      await this.startPostgres(production.postgresPort, production.postgresPassword);
      await ensureTemporalSchema({
        sqlTool: join(this.o.binaries.temporalServer, '..', 'temporal-sql-tool'),
        port: production.postgresPort,
        password: production.postgresPassword,
      });
      await this.startTemporal();
      endpoints.temporal = {
        address: `127.0.0.1:${production.temporalPorts.frontend}`,
        managed: true,
      };
      await ensureNamespace(endpoints.temporal.address, this.o.namespace);
      endpoints.staging = { databaseUrl: stagingDatabaseUrl(production) };
      endpoints.events = { databaseUrl: eventsDatabaseUrl(production) };
      this.endpoints = endpoints;
      await Promise.all(Array.from({ length: this.o.workers }, (_, i) => this.startWorker(i + 1)));
      this.say('production stack ready');
      return endpoints;
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private async startPostgres(port: number, password: string): Promise<void> {
    const { binDir } = { binDir: this.o.binaries.postgresBinDir };
    const dir = join(this.o.dataDir, 'postgres');
    mkdirSync(dir, { recursive: true });
    const lock = await ServerLock.claim({
      name: 'PostgreSQL',
      binary: join(binDir, 'postgres'),
      dataPath: dir,
      stopSignal: 'SIGINT',
      log: this.o.log,
    });
    const options = { binDir, dir, port, logDir: this.logDir, lock };
    if (await initCluster(options, password)) this.say(`created a PostgreSQL cluster in ${dir}`);
    this.postgres = postgresServer({ ...options, onUnexpectedExit: this.crashed('PostgreSQL') });
    this.say(`starting PostgreSQL on 127.0.0.1:${port}`);
    this.postgres.start();
    await this.postgres.waitUntilReady(() => postgresReady(binDir, port), READY_MS);
  }

  private async startTemporal(): Promise<void> {
    const state = readStackState(this.o.dataDir).production;
    if (!state) throw new Error('the production stack has no ports yet');
    const dir = join(this.o.dataDir, 'temporal-server');
    mkdirSync(dir, { recursive: true });
    const lock = await ServerLock.claim({
      name: 'Temporal server',
      binary: this.o.binaries.temporalServer,
      dataPath: dir,
      log: this.o.log,
    });
    this.temporal = temporalServer({
      binary: this.o.binaries.temporalServer,
      dir,
      ports: state.temporalPorts,
      postgresPort: state.postgresPort,
      password: state.postgresPassword,
      logDir: this.logDir,
      lock,
      onUnexpectedExit: this.crashed('Temporal server'),
    });
    this.say(`starting Temporal server on 127.0.0.1:${state.temporalPorts.frontend}`);
    this.temporal.start();
    await this.temporal.waitUntilReady(
      () => temporalServerReady(state.temporalPorts.frontendHttp),
      READY_MS,
    );
  }

  /** Stops the Temporal server and starts it again on the same ports (tests, operators). */
  async restartTemporal(): Promise<void> {
    await this.temporal?.stop();
    await this.startTemporal();
  }

  private async startWorker(index: number): Promise<void> {
    const e = this.endpoints;
    if (!e || this.stopping) return;
    const proc = await startWorkerProcess({
      index,
      dataDir: this.o.dataDir,
      logDir: this.logDir,
      log: this.o.log,
      run: {
        ...this.o.worker,
        env: {
          // Uploads wait in PostgreSQL, so a worker needs no folder of the API's: each has its own.
          QUARRY_DATA_DIR: join(this.o.dataDir, 'workers', String(index), 'data'),
          QUARRY_STAGING_DATABASE_URL: e.staging?.databaseUrl ?? '',
          // Workers publish the answer's tokens there; the API listens (live token events).
          QUARRY_EVENTS_DATABASE_URL: e.events?.databaseUrl ?? '',
          ...this.o.worker.env,
          TEMPORAL_ADDRESS: e.temporal.address,
          TEMPORAL_NAMESPACE: this.o.namespace,
          WEAVIATE_URL: e.weaviate.url,
          WEAVIATE_GRPC_URL: e.weaviate.grpcUrl,
          WEAVIATE_API_KEY: e.weaviate.apiKey ?? '',
        },
      },
      // A worker holds no state: like compose's `restart: unless-stopped`, bring it back.
      onUnexpectedExit: (code, signal) => {
        this.crashed(`worker ${index}`)(code, signal);
        this.workerProcs = this.workerProcs.filter((w) => w !== proc);
        setTimeout(() => {
          void this.startWorker(index).catch((err: Error) =>
            this.say(`worker ${index} could not restart: ${err.message}`),
          );
        }, 1000).unref();
      },
    });
    this.workerProcs.push(proc);
    await proc.waitUntilReady(
      () => Promise.resolve(WORKER_READY.test(proc.lastOutput(40))),
      READY_MS,
    );
    this.say(`worker ${index} polling (pid ${proc.pid})`);
  }

  /** Workers first (they finish their activities), then Temporal, PostgreSQL and Weaviate. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workerProcs.map((w) => w.stop(30_000)));
    this.workerProcs = [];
    await this.temporal?.stop();
    await this.postgres?.stop();
    await this.weaviateStack.stop();
  }
}
