import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  InProcessTokenChannel,
  type TokenChannel,
  type TokenEvent,
  type TokenListener,
} from './token-channel';

/**
 * The process's token channel: in-process, where the worker runs inside the API (the local
 * default).
 */
@Injectable()
export class TokenChannelService implements TokenChannel, OnApplicationShutdown {
  private readonly channel: TokenChannel = new InProcessTokenChannel();

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
