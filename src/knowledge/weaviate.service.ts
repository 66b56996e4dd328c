import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import weaviate, { type WeaviateClient } from 'weaviate-client';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { defaultGrpcUrl } from '../config/weaviate-grpc';

export function connectWeaviate(w: QuarryConfig['weaviate']): Promise<WeaviateClient> {
  if (!w.url) throw new Error('WEAVIATE_URL is not set and no local stack provided one');
  const http = new URL(w.url);
  const grpc = new URL(w.grpcUrl ?? defaultGrpcUrl(w.url));
  return weaviate.connectToCustom({
    httpHost: http.hostname,
    httpPort: Number(http.port || (http.protocol === 'https:' ? 443 : 80)),
    httpSecure: http.protocol === 'https:',
    httpPath: http.pathname === '/' ? undefined : http.pathname,
    grpcHost: grpc.hostname,
    grpcPort: Number(grpc.port || (grpc.protocol === 'https:' ? 443 : 80)),
    grpcSecure: grpc.protocol === 'https:',
    authCredentials: w.apiKey ? new weaviate.ApiKey(w.apiKey) : undefined,
    timeout: { init: 5, query: 30, insert: 120 },
    // Boot must not depend on Weaviate being up: /health reports it, requests retry.
    skipInitChecks: true,
  });
}

/** The one Weaviate client of the process, opened on init and closed on shutdown. */
@Injectable()
export class WeaviateService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WeaviateService.name);
  private clientPromise?: Promise<WeaviateClient>;

  constructor(@Inject(QUARRY_CONFIG) private readonly config: QuarryConfig) {}

  onModuleInit(): void {
    this.clientPromise = connectWeaviate(this.config.weaviate);
  }

  client(): Promise<WeaviateClient> {
    if (!this.clientPromise) this.clientPromise = connectWeaviate(this.config.weaviate);
    return this.clientPromise;
  }

  async ready(): Promise<boolean> {
    try {
      const res = await fetch(new URL('/v1/.well-known/ready', this.config.weaviate.url), {
        signal: AbortSignal.timeout(2000),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    const client = await this.clientPromise?.catch(() => undefined);
    await client
      ?.close()
      .catch((err: unknown) => this.logger.warn(`closing Weaviate client: ${String(err)}`));
  }
}
