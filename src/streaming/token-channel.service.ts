import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { PostgresTokenChannel, type TokenChannelStats } from './postgres-token-channel';
import {
  InProcessTokenChannel,
  type TokenChannel,
  type TokenEvent,
  type TokenListener,
} from './token-channel';

/**
 * The process's token channel: PostgreSQL LISTEN/NOTIFY when QUARRY_EVENTS_DATABASE_URL is set
 * (workers in other processes publish, the API listens), else in-process, where the worker runs
 * inside the API (the local default, no database needed).
 */
@Injectable()
export class TokenChannelService implements TokenChannel, OnApplicationShutdown {
  private readonly logger = new Logger('TokenChannel');
  private readonly channel: TokenChannel;

  constructor(@Inject(QUARRY_CONFIG) config: QuarryConfig) {
    const url = config.events.databaseUrl;
    this.channel = url
      ? new PostgresTokenChannel({ url, log: (m) => this.logger.warn(m) })
      : new InProcessTokenChannel();
  }

  /** Which channel carries tokens here. */
  get kind(): 'postgres' | 'in-process' {
    return this.channel instanceof PostgresTokenChannel ? 'postgres' : 'in-process';
  }

  /** Frames sent, dropped and received, and listener connections (PostgreSQL channel only). */
  get stats(): TokenChannelStats | undefined {
    return this.channel instanceof PostgresTokenChannel ? this.channel.stats : undefined;
  }

  /** Where streams are served: be ready to receive tokens before the first stream opens. */
  listenEarly(): void {
    if (this.channel instanceof PostgresTokenChannel) this.channel.openListener();
  }

  /** Whether the task's tokens reach this process now (always, in-process). */
  listening(task: string): boolean {
    return this.channel instanceof PostgresTokenChannel ? this.channel.listening(task) : true;
  }

  publish(event: TokenEvent): void {
    this.channel.publish(event);
  }

  subscribe(task: string, listener: TokenListener): () => void {
    return this.channel.subscribe(task, listener);
  }

  close(): Promise<void> {
    return this.channel.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
