import pino from 'pino';
import { createApp, listen } from '../app.factory';
import type { QuarryConfig } from '../config/config';
import { assertListenAllowed, isLoopbackHost } from '../config/listen-policy';
import { withEndpoints } from '../config/with-endpoints';
import { installTemporalRuntimeLogger } from '../temporal/runtime-logger';
import { startDemoKnowledgeBase } from './demo-knowledge-base';
import { prepareLocalStack } from './local-stack-for';
import { startProductionCommand } from './start-production';

/**
 * `quarry start`: the one-command local run. Starts (or reuses) Temporal and Weaviate, then the API
 * with its embedded worker; Ctrl-C stops the app first (the worker drains), then the servers.
 */
export async function startCommand(baseConfig: QuarryConfig): Promise<void> {
  assertListenAllowed(baseConfig); // before any server starts
  if (baseConfig.stack.kind === 'production') return startProductionCommand(baseConfig);
  const say = (line: string) => process.stdout.write(`quarry: ${line}\n`);
  const { stack, config: provisioned } = await prepareLocalStack(baseConfig, {
    preferDefaultPorts: true,
    ui: true,
    log: say,
  });
  const endpoints = await stack.start();
  const config = withEndpoints(provisioned, endpoints);
  await installTemporalRuntimeLogger(pino({ level: config.log.level }));

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      say(`${signal}: stopping (the worker finishes its current activities first)`);
      await app?.close().catch((err: unknown) => say(`closing the API: ${String(err)}`));
      await stack.stop();
      say('stopped; data kept in ' + config.paths.dataDir);
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let api: string;
  try {
    app = await createApp(config, { shutdownHooks: false });
    api = await listen(app, config);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await stack.stop();
    throw err;
  }
  say(`API          ${api}  (health: ${api}/health)`);
  if (endpoints.temporal.uiUrl)
    say(
      `Temporal UI  ${endpoints.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows`,
    );
  say(`Temporal     ${endpoints.temporal.address}  namespace ${config.temporal.namespace}`);
  say(`Weaviate     ${endpoints.weaviate.url}`);
  say(`data         ${config.paths.dataDir}`);
  if (config.http.localMode && isLoopbackHost(config.http.host)) {
    say(
      'local mode: no QUARRY_API_KEYS set, so the API needs no key and answers this machine only',
    );
  } else if (config.http.localMode) {
    say(`WARNING: no QUARRY_API_KEYS set: anyone who reaches ${api} has full access`);
  }
  say('press Ctrl-C to stop');
  startDemoKnowledgeBase(app, config, say);
}
