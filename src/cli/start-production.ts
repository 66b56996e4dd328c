import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, listen } from '../app.factory';
import type { QuarryConfig } from '../config/config';
import { withEndpoints } from '../config/with-endpoints';
import { provisionTools } from '../stack/provision';
import { ensurePostgres } from '../stack/provision/postgres-install';
import { ProductionStack } from '../stack/production/production-stack';
import { installTemporalRuntimeLogger } from '../temporal/runtime-logger';
import { bundleQuarryWorkflows } from '../temporal/workflow-bundle';

// From dist/src/cli when built, from src/cli under the test runner.
const CLI = [2, 3]
  .map((up) => join(__dirname, ...Array<string>(up).fill('..'), 'bin', 'quarry.js'))
  .find((p) => existsSync(p));

/** Provisions the production topology's tools and builds the stack (not started yet). */
export async function prepareProductionStack(
  config: QuarryConfig,
  log: (line: string) => void,
): Promise<{ stack: ProductionStack; config: QuarryConfig }> {
  if (config.temporal.address || config.weaviate.url) {
    throw new Error(
      'QUARRY_STACK=production starts its own Temporal and Weaviate: unset TEMPORAL_ADDRESS and WEAVIATE_URL, or run `quarry serve` and `quarry worker` against your servers',
    );
  }
  const tools = await provisionTools({
    cacheDir: config.paths.cacheDir,
    tools: config.tools,
    only: ['temporal-server', 'weaviate', 'embedding', 'chat'],
    log,
  });
  const { binDir } = await ensurePostgres({
    env: process.env,
    configured: config.tools.postgresBinDir,
    log,
  });
  const provisioned: QuarryConfig = {
    ...config,
    tools: {
      ...config.tools,
      embeddingModelDir: tools.embeddingModelDir,
      chatModelPath: tools.chatModelPath,
    },
  };
  // One bundle for every worker: each would otherwise build the same one at start.
  let bundle = config.temporal.workflowBundle;
  if (!bundle) {
    const dir = join(config.paths.dataDir, 'workers');
    mkdirSync(dir, { recursive: true });
    bundle = join(dir, 'workflow-bundle.js');
    log('bundling the workflow code for the workers');
    // Workers export traces when OTLP is configured, and only then need the interceptors.
    const built = await bundleQuarryWorkflows({ tracing: Boolean(config.tracing.otlpTracesUrl) });
    writeFileSync(bundle, built.code);
  }
  const stack = new ProductionStack({
    dataDir: config.paths.dataDir,
    namespace: config.temporal.namespace,
    binaries: {
      temporalServer: tools.temporalServer ?? '',
      weaviate: tools.weaviate ?? '',
      postgresBinDir: binDir,
    },
    workers: config.stack.workers,
    worker: {
      command: process.execPath,
      args: [CLI ?? 'bin/quarry.js', 'worker'],
      env: {
        // Set, it wins over the stack's own PostgreSQL (see ProductionStack.startWorker).
        ...(config.staging.databaseUrl
          ? { QUARRY_STAGING_DATABASE_URL: config.staging.databaseUrl }
          : {}),
        ...(config.events.databaseUrl
          ? { QUARRY_EVENTS_DATABASE_URL: config.events.databaseUrl }
          : {}),
        QUARRY_WORKFLOW_BUNDLE: bundle,
        QUARRY_EMBEDDING_MODEL_DIR: tools.embeddingModelDir ?? '',
        QUARRY_CHAT_MODEL_PATH: tools.chatModelPath ?? '',
      },
    },
    preferDefaultPorts: true,
    log,
  });
  return { stack, config: provisioned };
}

/**
 * `QUARRY_STACK=production quarry start`: PostgreSQL, the Temporal server, Weaviate and
 * QUARRY_WORKERS worker processes as supervised children, and the API here without a worker.
 */
export async function startProductionCommand(baseConfig: QuarryConfig): Promise<void> {
  const say = (line: string) => process.stdout.write(`quarry: ${line}\n`);
  const { stack, config: provisioned } = await prepareProductionStack(baseConfig, say);
  const endpoints = await stack.start();
  const config = withEndpoints(provisioned, endpoints);
  config.temporal = { ...config.temporal, embeddedWorker: false };
  await installTemporalRuntimeLogger(pino({ level: config.log.level }));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      say(`${signal}: stopping (workers finish their current activities first)`);
      await app?.close().catch((err: unknown) => say(`closing the API: ${String(err)}`));
      await stack.stop();
      say('stopped; data kept in ' + config.paths.dataDir);
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  let api: string;
  try {
    app = await createApp(config, { shutdownHooks: false });
    api = await listen(app, config);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await stack.stop();
    throw err;
  }
  say(`API          ${api}  (health: ${api}/health), no embedded worker`);
  say(
    `Temporal     ${endpoints.temporal.address} (server on PostgreSQL)  namespace ${config.temporal.namespace}`,
  );
  say(`Weaviate     ${endpoints.weaviate.url}`);
  say(`workers      ${stack.processes.workers.map((w) => `pid ${w.pid}`).join(', ')}`);
  say(`data         ${config.paths.dataDir}`);
  say('press Ctrl-C to stop');
}
