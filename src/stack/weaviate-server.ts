import { join } from 'node:path';
import { ManagedProcess, type ManagedProcessOptions } from './managed-process';

export interface WeaviatePorts {
  http: number;
  grpc: number;
  gossip: number;
  data: number;
  raft: number;
  raftRpc: number;
}

export interface WeaviateServerOptions {
  binary: string;
  dataDir: string;
  apiKey: string;
  ports: WeaviatePorts;
  logDir: string;
  lock?: ManagedProcessOptions['lock'];
  onUnexpectedExit?: ManagedProcessOptions['onUnexpectedExit'];
}

export function weaviateEnv(o: WeaviateServerOptions): Record<string, string> {
  return {
    PERSISTENCE_DATA_PATH: o.dataDir,
    DEFAULT_VECTORIZER_MODULE: 'none',
    ENABLE_MODULES: '',
    CLUSTER_HOSTNAME: 'quarry-node',
    CLUSTER_ADVERTISE_ADDR: '127.0.0.1',
    CLUSTER_GOSSIP_BIND_PORT: String(o.ports.gossip),
    CLUSTER_DATA_BIND_PORT: String(o.ports.data),
    RAFT_PORT: String(o.ports.raft),
    RAFT_INTERNAL_RPC_PORT: String(o.ports.raftRpc),
    RAFT_BOOTSTRAP_EXPECT: '1',
    GRPC_PORT: String(o.ports.grpc),
    // No gse tokenizers: Quarry segments Chinese itself (jieba) before indexing and querying, and
    // no property uses gse. Enabling them loads gse's dictionaries from the Go module cache at
    // every start (seconds, and a start that fails without that cache).
    DISABLE_TELEMETRY: 'true',
    GO_PROFILING_DISABLE: 'true',
    PROMETHEUS_MONITORING_ENABLED: 'false',
    AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: 'false',
    AUTHENTICATION_APIKEY_ENABLED: 'true',
    AUTHENTICATION_APIKEY_ALLOWED_KEYS: o.apiKey,
    AUTHENTICATION_APIKEY_USERS: 'quarry',
    AUTHORIZATION_ADMINLIST_ENABLED: 'false',
    QUERY_DEFAULTS_LIMIT: '25',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warning',
  };
}

export async function weaviateReady(httpUrl: string): Promise<boolean> {
  const res = await fetch(`${httpUrl}/v1/.well-known/ready`, { signal: AbortSignal.timeout(1000) });
  return res.ok;
}

export function weaviateServer(o: WeaviateServerOptions): ManagedProcess {
  return new ManagedProcess({
    name: 'Weaviate',
    command: o.binary,
    args: ['--host', '127.0.0.1', '--port', String(o.ports.http), '--scheme', 'http'],
    env: weaviateEnv(o),
    cwd: o.dataDir,
    lock: o.lock,
    onUnexpectedExit: o.onUnexpectedExit,
    logFile: join(o.logDir, 'weaviate.log'),
  });
}
