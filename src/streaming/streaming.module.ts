import { Global, Module } from '@nestjs/common';
import { TokenChannelService } from './token-channel.service';

/** Live tokens from the generating activity to the task's event streams. */
@Global()
@Module({ providers: [TokenChannelService], exports: [TokenChannelService] })
export class StreamingModule {}
