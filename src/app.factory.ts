import type { INestApplication } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { Logger } from 'nestjs-pino';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localOriginCheck } from './api/auth/local-origin';
import { quarryValidationPipe } from './api/validation.pipe';
import { AppModule } from './app.module';
import type { QuarryConfig } from './config/config';
import { assertListenAllowed, isLoopbackHost } from './config/listen-policy';
import { TokenChannelService } from './streaming/token-channel.service';

/** `dashboard/` at the package root, from src/ (tests) or dist/src/ (a build). */
function dashboardDir(): string {
  const candidates = [join(__dirname, '..', 'dashboard'), join(__dirname, '..', '..', 'dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

/** Builds the Nest application (API, and the worker when embedded) without listening yet. */
export async function createApp(
  config: QuarryConfig,
  options: { shutdownHooks?: boolean } = {},
): Promise<INestApplication> {
  // One spelling per route: `/V1/tasks` and `/v1/tasks/` are not `/v1/tasks` (they get 404). Set
  // before anything (the adapter included) makes Express create its router, which reads them once.
  const server = express();
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  const adapter = new ExpressAdapter(server);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: true,
  });
  app.useLogger(app.get(Logger));
  // Before everything else, the dashboard's files included: a keyless server refuses other sites.
  if (config.http.localMode)
    app.use(localOriginCheck({ checkHost: isLoopbackHost(config.http.host) }));
  app.useGlobalPipes(quarryValidationPipe());
  app.useBodyParser('json', { limit: '10mb' });
  // The operations dashboard: static files from the repository, so it works offline.
  app.useStaticAssets(dashboardDir(), { prefix: '/dashboard', index: 'index.html' });
  // The CLI stops the local stack after the app, so it handles signals itself.
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Quarry')
    .setDescription('Durable research agents: knowledge bases, retrieval and agent tasks')
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'API key (when QUARRY_API_KEYS is set)',
    })
    .build();
  // This process serves event streams; a worker-only process publishes tokens and needs no listener.
  app.get(TokenChannelService).listenEarly();
  // Served from the package's own assets: the docs work offline.
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}

/**
 * Listens where the configuration says, after checking that it may (listen-policy.ts), and returns
 * the URL the server really listens on: PORT=0 and host names are resolved by then.
 */
export async function listen(app: INestApplication, config: QuarryConfig): Promise<string> {
  assertListenAllowed(config);
  await app.listen(config.http.port, config.http.host);
  const { address, port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
