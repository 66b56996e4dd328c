import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { LocalStack } from '../../src/stack/local-stack';
import { provisionTools } from '../../src/stack/provision';
import { bundleQuarryWorkflows } from '../../src/temporal/workflow-bundle';

/**
 * Starts one real local stack (Temporal dev server + Weaviate) for the integration tests, on free
 * ports and a fresh data folder, and hands its endpoints to the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  // Tests never use a developer's servers or data by accident.
  for (const name of [
    'TEMPORAL_ADDRESS',
    'WEAVIATE_URL',
    'WEAVIATE_GRPC_URL',
    'WEAVIATE_API_KEY',
    'QUARRY_API_KEYS',
  ]) {
    delete process.env[name];
  }
  const root = mkdtempSync(join(tmpdir(), 'quarry-test-'));
  const config = loadConfig({ ...process.env, QUARRY_DATA_DIR: join(root, 'data') });
  const tools = await provisionTools({
    cacheDir: config.paths.cacheDir,
    tools: config.tools,
    log: (line) => process.stderr.write(`[setup] ${line}\n`),
  });
  const stack = new LocalStack({
    dataDir: config.paths.dataDir,
    namespace: config.temporal.namespace,
    external: {},
    binaries: () => Promise.resolve(tools),
    ui: false,
  });
  const [endpoints, bundle] = await Promise.all([stack.start(), bundleQuarryWorkflows()]);
  const bundlePath = join(root, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  Object.assign(process.env, {
    QUARRY_TEST_ROOT: root,
    QUARRY_DATA_DIR: config.paths.dataDir,
    TEMPORAL_ADDRESS: endpoints.temporal.address,
    WEAVIATE_URL: endpoints.weaviate.url,
    WEAVIATE_GRPC_URL: endpoints.weaviate.grpcUrl,
    WEAVIATE_API_KEY: endpoints.weaviate.apiKey,
    QUARRY_WORKFLOW_BUNDLE: bundlePath,
    QUARRY_TEMPORAL_BIN: tools.temporal,
    QUARRY_WEAVIATE_BIN: tools.weaviate,
    QUARRY_EMBEDDING_MODEL_DIR: tools.embeddingModelDir,
    QUARRY_CHAT_MODEL_PATH: tools.chatModelPath,
    QUARRY_LOG_LEVEL: process.env.QUARRY_LOG_LEVEL ?? 'error',
  });
  (globalThis as { __quarryStack?: LocalStack }).__quarryStack = stack;
}
