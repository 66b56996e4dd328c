import type { INestApplication } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { quarryValidationPipe } from './api/validation.pipe';
import { AppModule } from './app.module';
import type { QuarryConfig } from './config/config';

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
  // Served from the package's own assets: the docs work offline.
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}
