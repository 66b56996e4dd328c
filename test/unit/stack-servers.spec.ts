import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortFree, pickPort } from '../../src/stack/free-port';
import { defaultGrpcUrl } from '../../src/config/weaviate-grpc';
import { LocalStack } from '../../src/stack/local-stack';
import { readStackState, writeStackState } from '../../src/stack/stack-state';
import { temporalDevServerArgs } from '../../src/stack/temporal-dev-server';
import { weaviateEnv } from '../../src/stack/weaviate-server';
import { createServer } from 'node:net';

describe('Temporal dev server arguments', () => {
  const args = temporalDevServerArgs({
    binary: 'temporal',
    dataDir: '/data/temporal',
    namespace: 'quarry',
    ports: { grpc: 7001, ui: 7002, http: 7003, metrics: 7004 },
    logDir: '/logs',
  });

  it('persists to SQLite in WAL mode under the data folder, on loopback', () => {
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(args).toEqual(
      expect.arrayContaining(['--db-filename', '/data/temporal/temporal.sqlite']),
    );
    expect(args.join(' ')).toContain('--sqlite-pragma journal_mode=WAL');
    expect(args.join(' ')).toContain('--ip 127.0.0.1');
    expect(args.join(' ')).toContain('--ui-port 7002');
  });

  it('creates the namespace and registers every search attribute', () => {
    expect(args.join(' ')).toContain('--namespace quarry');
    expect(args.join(' ')).toContain('--search-attribute QuarryQuestion=Text');
    expect(args.join(' ')).toContain('--search-attribute QuarryTenant=Keyword');
  });

  it('goes headless when the UI is off', () => {
    const headless = temporalDevServerArgs({
      binary: 't',
      dataDir: '/d',
      namespace: 'n',
      ports: { grpc: 1, ui: 2, http: 3, metrics: 4 },
      logDir: '/l',
      ui: false,
    });
    expect(headless).toContain('--headless');
    expect(headless).not.toContain('--ui-port');
  });
});

describe('Weaviate environment', () => {
  const env = weaviateEnv({
    binary: 'w',
    dataDir: '/data/weaviate',
    apiKey: 'k'.repeat(32),
    ports: { http: 1, grpc: 2, gossip: 3, data: 4, raft: 5, raftRpc: 6 },
    logDir: '/l',
  });
  it('keeps anonymous access off, telemetry off and the gse tokenizers off', () => {
    expect(env).toMatchObject({
      AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: 'false',
      AUTHENTICATION_APIKEY_ENABLED: 'true',
      AUTHENTICATION_APIKEY_ALLOWED_KEYS: 'k'.repeat(32),
      DISABLE_TELEMETRY: 'true',
      PERSISTENCE_DATA_PATH: '/data/weaviate',
      DEFAULT_VECTORIZER_MODULE: 'none',
      GRPC_PORT: '2',
      RAFT_PORT: '5',
    });
    // Quarry segments Chinese itself (jieba); gse would load dictionaries at every start.
    expect(Object.keys(env).filter((k) => k.startsWith('ENABLE_TOKENIZER_GSE'))).toEqual([]);
  });
  it('derives the gRPC endpoint from the HTTP URL', () => {
    expect(defaultGrpcUrl('https://wv.example.com:8443')).toBe('https://wv.example.com:50051');
  });
});

describe('ports and state', () => {
  it('takes the preferred port only when free and never hands out a port twice', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const busy = (blocker.address() as { port: number }).port;
    expect(await isPortFree(busy)).toBe(false);
    const taken = new Set<number>();
    const a = await pickPort(busy, taken);
    const b = await pickPort(a, taken);
    expect(a).not.toBe(busy);
    expect(b).not.toBe(a);
    await new Promise((r) => blocker.close(r));
  });

  it('remembers ports and the Weaviate key, readable by the owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-state-'));
    const fresh = readStackState(dir);
    expect(fresh.weaviateApiKey.length).toBeGreaterThanOrEqual(32);
    writeStackState(dir, { ...fresh, temporalPorts: { grpc: 1, ui: 2, http: 3, metrics: 4 } });
    expect(readStackState(dir)).toEqual({
      ...fresh,
      temporalPorts: { grpc: 1, ui: 2, http: 3, metrics: 4 },
    });
    const mode = statSync(join(dir, 'stack.json')).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});

describe('LocalStack with configured servers', () => {
  it('uses TEMPORAL_ADDRESS and WEAVIATE_URL as given and starts nothing', async () => {
    const binaries = jest.fn(() => Promise.reject(new Error('must not provision')));
    const stack = new LocalStack({
      dataDir: mkdtempSync(join(tmpdir(), 'quarry-ext-')),
      namespace: 'quarry',
      external: {
        temporalAddress: 'temporal.internal:7233',
        weaviateUrl: 'https://wv.internal:8443',
        weaviateApiKey: 'k',
      },
      binaries,
    });
    const endpoints = await stack.start();
    expect(binaries).not.toHaveBeenCalled();
    expect(endpoints).toEqual({
      temporal: { address: 'temporal.internal:7233', managed: false },
      weaviate: {
        url: 'https://wv.internal:8443',
        grpcUrl: 'https://wv.internal:50051',
        apiKey: 'k',
        managed: false,
      },
    });
    expect(stack.processes).toEqual({ temporal: undefined, weaviate: undefined });
    await stack.stop();
  });
});
