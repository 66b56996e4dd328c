import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { flushTracing, startTracingFromConfig } from './tracing';

/**
 * Starts OTLP export at boot when configured, before the worker is created (its workflow span
 * sink takes the resource then), and sends what is batched once the worker has drained.
 */
@Injectable()
export class TracingService implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(QUARRY_CONFIG) private readonly config: QuarryConfig) {}

  onModuleInit(): void {
    startTracingFromConfig(this.config.tracing);
  }

  async onApplicationShutdown(): Promise<void> {
    await flushTracing().catch(() => undefined);
  }
}
