import { existsSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { providerEnvNames } from '../../src/config/chat-providers-env';
import { envSchema } from '../../src/config/config.schema';
import {
  CHAT_MODEL_FILE,
  CHAT_MODEL_WHEEL,
  EMBEDDING_ARTIFACT,
  EMBEDDING_MODEL,
  TOOL_SPECS,
} from '../../src/stack/provision/tool-specs';
import { weaviateEnv } from '../../src/stack/weaviate-server';
import { QUARRY_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';

// The deployment files are checked against Quarry's own code, so a renamed config variable, a new
// search attribute or a moved port breaks this test instead of a user's first `docker compose up`.

import {
  composeText,
  containerPorts,
  dotenv,
  env,
  healthTest,
  hostPort,
  quarryServices,
  rawEnv,
  read,
  refs,
  root,
  service,
  services,
} from '../support/compose-file';

describe('docker-compose.yml', () => {
  it('defines every service of the deployment', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining([
        'postgresql',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        'weaviate',
        'models',
        ...quarryServices,
      ]),
    );
  });

  it.each(quarryServices)('sets on %s only variables Quarry reads', (name) => {
    const known = [...Object.keys(envSchema.shape), ...providerEnvNames()];
    expect(Object.keys(rawEnv(name)).filter((v) => !known.includes(v))).toEqual([]);
  });

  it('gives the API and the worker a configuration Quarry accepts, on the same servers', () => {
    const api = loadConfig(env('quarry-api'));
    const worker = loadConfig(env('quarry-worker'));
    expect(api.http).toEqual({ port: 3000, host: '0.0.0.0', localMode: false });
    expect(api.temporal.embeddedWorker).toBe(false);
    expect(worker.temporal.embeddedWorker).toBe(true);
    expect({ ...worker.temporal, embeddedWorker: false }).toEqual(api.temporal);
    expect(worker.weaviate).toEqual(api.weaviate);
    expect(worker.tools).toEqual(api.tools);
    expect(worker.staging).toEqual(api.staging);
    expect(api.weaviate.apiKey).toBe(dotenv.WEAVIATE_API_KEY);
  });

  it('shares no disk between the API and the worker: uploads are staged in PostgreSQL', () => {
    // Read-only models are the one volume both mount; nothing Quarry writes is on a shared disk.
    for (const name of quarryServices) {
      const writable = (service(name).volumes ?? []).filter((v) => !v.endsWith(':ro'));
      expect([name, writable]).toEqual([name, []]);
    }
    const shared = (service('quarry-api').volumes ?? []).filter((v) =>
      (service('quarry-worker').volumes ?? []).includes(v),
    );
    expect(shared).toEqual(['models:/models:ro']);
    // The staging database is on the postgresql service, as Temporal's user, with .env's password.
    const staging = new URL(loadConfig(env('quarry-worker')).staging.databaseUrl ?? 'http://none');
    expect([staging.protocol, staging.hostname, staging.port]).toEqual([
      'postgres:',
      'postgresql',
      String(containerPorts(service('postgresql'))[0]),
    ]);
    expect([staging.username, decodeURIComponent(staging.password)]).toEqual([
      env('postgresql').POSTGRES_USER,
      dotenv.POSTGRES_PASSWORD,
    ]);
    expect(staging.pathname).toBe('/quarry_staging');
    for (const name of quarryServices) {
      expect(service(name).depends_on?.postgresql?.condition).toBe('service_healthy');
    }
  });

  it('publishes the API on the port it listens on and probes /health there', () => {
    const api = service('quarry-api');
    const port = Number(env('quarry-api').PORT);
    expect(containerPorts(api, true)).toContain(port);
    const url = new URL(/https?:\/\/[^'"\s]+/.exec(healthTest(api))?.[0] ?? 'http://invalid');
    expect([Number(url.port), url.pathname]).toEqual([port, '/health']);
    expect(api.command).toEqual(['serve']);
  });

  it('points Quarry and the Temporal tools at the temporal service on its gRPC port', () => {
    const address = env('quarry-api').TEMPORAL_ADDRESS ?? '';
    const { host, port } = hostPort(address);
    expect(host).toBe('temporal');
    expect(containerPorts(service('temporal'))).toContain(port);
    for (const name of ['quarry-worker', 'temporal-setup', 'temporal-ui']) {
      expect([name, env(name).TEMPORAL_ADDRESS]).toEqual([name, address]);
    }
    expect(healthTest(service('temporal'))).toContain(address);
  });

  it('points Quarry at the weaviate service on the HTTP and gRPC ports Weaviate listens on', () => {
    const weaviate = service('weaviate');
    const command = weaviate.command ?? [];
    const httpPort = Number(command[command.indexOf('--port') + 1]);
    const grpcPort = Number(env('weaviate').GRPC_PORT);
    const http = new URL(env('quarry-api').WEAVIATE_URL ?? '');
    const grpc = new URL(env('quarry-api').WEAVIATE_GRPC_URL ?? '');
    expect([http.hostname, Number(http.port)]).toEqual(['weaviate', httpPort]);
    expect([grpc.hostname, Number(grpc.port)]).toEqual(['weaviate', grpcPort]);
    expect(containerPorts(weaviate)).toEqual(expect.arrayContaining([httpPort, grpcPort]));
    expect(healthTest(weaviate)).toContain(`:${httpPort}/v1/.well-known/ready`);
  });

  it('closes Weaviate to anonymous users and shares its one key with Quarry', () => {
    const w = rawEnv('weaviate');
    expect(w.AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED).toBe('false');
    expect(w.AUTHENTICATION_APIKEY_ENABLED).toBe('true');
    expect(refs(w.AUTHENTICATION_APIKEY_ALLOWED_KEYS ?? '')).toEqual(['WEAVIATE_API_KEY']);
    for (const name of quarryServices) {
      expect(refs(rawEnv(name).WEAVIATE_API_KEY ?? '')).toEqual(['WEAVIATE_API_KEY']);
    }
    // Weaviate pairs keys with users by position: one key, one user.
    const keys = (env('weaviate').AUTHENTICATION_APIKEY_ALLOWED_KEYS ?? '').split(',');
    expect((w.AUTHENTICATION_APIKEY_USERS ?? '').split(',')).toHaveLength(keys.length);
  });

  it("runs Weaviate with the local stack's tokenizers, vectorizer and auth", () => {
    const local = weaviateEnv({
      binary: 'weaviate-server',
      dataDir: '/data',
      apiKey: 'k',
      logDir: '/logs',
      ports: { http: 1, grpc: 2, gossip: 3, data: 4, raft: 5, raftRpc: 6 },
    });
    const same = [
      'DEFAULT_VECTORIZER_MODULE',
      'ENABLE_TOKENIZER_GSE',
      'ENABLE_TOKENIZER_GSE_CH',
      'AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED',
      'AUTHENTICATION_APIKEY_ENABLED',
      'AUTHENTICATION_APIKEY_USERS',
    ];
    const pick = (e: Record<string, string | undefined>) => same.map((k) => [k, e[k]]);
    expect(pick(rawEnv('weaviate'))).toEqual(pick(local));
    // Quarry segments Chinese itself; gse would load dictionaries from Go's module cache.
    expect(rawEnv('weaviate').ENABLE_TOKENIZER_GSE).toBeUndefined();
    expect(rawEnv('weaviate').ENABLE_TOKENIZER_GSE_CH).toBeUndefined();
  });

  it('runs the Temporal worker in the worker container only', () => {
    expect(rawEnv('quarry-api').QUARRY_EMBEDDED_WORKER).toBe('false');
    expect([undefined, 'true']).toContain(rawEnv('quarry-worker').QUARRY_EMBEDDED_WORKER);
    expect(service('quarry-worker').command).toEqual(['worker']);
    // The image's HEALTHCHECK probes the API's HTTP port, which a worker does not open.
    expect(service('quarry-worker').healthcheck?.disable).toBe(true);
  });

  it("registers exactly Quarry's search attributes on Quarry's namespace", () => {
    const setup = rawEnv('temporal-setup');
    const registered = Object.fromEntries(
      (setup.SEARCH_ATTRIBUTES ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => pair.split('=')),
    ) as Record<string, string>;
    expect(registered).toEqual({ ...QUARRY_SEARCH_ATTRIBUTES });
    expect(setup.TEMPORAL_NAMESPACE).toBe(rawEnv('quarry-api').TEMPORAL_NAMESPACE);
    expect(rawEnv('temporal-ui').TEMPORAL_DEFAULT_NAMESPACE).toBe(setup.TEMPORAL_NAMESPACE);
    const script = read('deploy/temporal/setup.sh');
    expect(script).toContain('$SEARCH_ATTRIBUTES');
    expect(script).toContain('"$TEMPORAL_NAMESPACE"');
    for (const name of quarryServices) {
      expect(service(name).depends_on?.['temporal-setup']?.condition).toBe(
        'service_completed_successfully',
      );
    }
  });

  it('fills the model volume with the files `quarry setup` fetches, in its cache layout', () => {
    const models = rawEnv('models');
    expect(models.EMBEDDING_ARTIFACT).toBe(EMBEDDING_ARTIFACT);
    expect(models.EMBEDDING_MODEL).toBe(EMBEDDING_MODEL);
    expect(models.CHAT_MODEL_WHEEL).toBe(CHAT_MODEL_WHEEL);
    expect(posix.basename(models.CHAT_MODEL_MEMBER ?? '')).toBe(CHAT_MODEL_FILE);
    // Same layout as <QUARRY_CACHE_DIR>/models, so a folder made by `quarry setup` can stand in.
    const inVolume = (dir: string) => posix.join('/models', relative('models', dir));
    const paths = {
      QUARRY_EMBEDDING_MODEL_DIR: inVolume(TOOL_SPECS.embedding.installDir),
      QUARRY_CHAT_MODEL_PATH: posix.join(inVolume(TOOL_SPECS.chat.installDir), CHAT_MODEL_FILE),
    };
    for (const name of ['models', ...quarryServices]) {
      expect(rawEnv(name)).toMatchObject(paths);
    }
    expect(service('models').volumes).toContain('models:/models');
    for (const name of quarryServices) {
      expect(service(name).volumes).toContain('models:/models:ro');
      expect(service(name).depends_on?.models?.condition).toBe('service_completed_successfully');
    }
  });

  it('takes every secret from .env, and deploy/env.example names every variable', () => {
    const required = [...composeText.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(
      new Set(['QUARRY_API_KEYS', 'WEAVIATE_API_KEY', 'POSTGRES_PASSWORD']),
    );
    const example = read('deploy/env.example');
    const documented = (name: string) => new RegExp(`^#?\\s*${name}=`, 'm').test(example);
    const all = [...new Set(refs(composeText))];
    expect(all.filter((name) => name && !documented(name))).toEqual([]);
    // Required values are left empty in the example, so nobody deploys a sample secret.
    for (const name of required) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
  });

  it('mounts only files that exist in the repository', () => {
    const mounts = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .filter((v) => v.startsWith('./') && v.endsWith(':ro'));
    expect(mounts.length).toBeGreaterThan(0);
    expect(
      mounts.map((v) => v.split(':')[0] ?? '').filter((p) => !existsSync(join(root, p))),
    ).toEqual([]);
  });

  it('pins every image to a version', () => {
    const unpinned = Object.entries(services)
      .filter(([name]) => !quarryServices.includes(name))
      .filter(
        ([, s]) => !/:[\w.-]*\d[\w.-]*$/.test(s.image ?? '') || /:latest$/.test(s.image ?? ''),
      );
    expect(unpinned.map(([name]) => name)).toEqual([]);
  });
});

// ---- Dockerfile ---------------------------------------------------------------------------
