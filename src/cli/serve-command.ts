import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { createApp, listen } from '../app.factory';
import { AppModule } from '../app.module';
import type { QuarryConfig } from '../config/config';
import { assertListenAllowed } from '../config/listen-policy';
import { withEndpoints } from '../config/with-endpoints';
import { runningStackEndpoints } from '../stack/running-stack';
import { installTemporalRuntimeLogger } from '../temporal/runtime-logger';
import { TemporalWorkerService } from '../temporal/temporal-worker.service';

/** Servers from the environment, else those of a `quarry start` running on the same data folder. */
export function resolveServers(config: QuarryConfig): QuarryConfig {
  if (config.temporal.address && config.weaviate.url) return config;
  const running = runningStackEndpoints(config.paths.dataDir);
  if (!running) {
    const missing = [
      !config.temporal.address && 'TEMPORAL_ADDRESS',
      !config.weaviate.url && 'WEAVIATE_URL',
    ].filter(Boolean);
    throw new Error(
      `${missing.join(' and ')} not set, and no local stack is running on ${config.paths.dataDir}. ` +
        'Set them, or run `npm start` first.',
    );
  }
  const merged = withEndpoints(config, running);
  return {
    ...merged,
    temporal: { ...merged.temporal, address: config.temporal.address ?? merged.temporal.address },
    weaviate: config.weaviate.url ? config.weaviate : merged.weaviate,
  };
}

/** `quarry serve`: the API (and the embedded worker unless QUARRY_EMBEDDED_WORKER=false), no stack. */
export async function serveCommand(baseConfig: QuarryConfig): Promise<void> {
  assertListenAllowed(baseConfig);
  const config = resolveServers(baseConfig);
  await installTemporalRuntimeLogger(pino({ level: config.log.level }));
  const app = await createApp(config);
  process.stdout.write(`quarry: API on ${await listen(app, config)}\n`);
}

/** `quarry worker`: a worker process alone, no HTTP. */
export async function workerCommand(baseConfig: QuarryConfig): Promise<void> {
  const config = resolveServers({
    ...baseConfig,
    temporal: { ...baseConfig.temporal, embeddedWorker: true },
  });
  await installTemporalRuntimeLogger(pino({ level: config.log.level }));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  const worker = app.get(TemporalWorkerService);
  // A worker that dies must take its process down so the supervisor (compose, systemd) restarts it.
  void worker.whenStopped().then(() => {
    if (worker.state === 'failed') {
      process.stderr.write(
        `quarry: worker failed: ${worker.failure?.message ?? 'unknown error'}\n`,
      );
      process.exit(1);
    }
  });
  process.stdout.write(
    `quarry: worker polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}\n`,
  );
}
