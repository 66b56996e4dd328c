import { Global, Module } from '@nestjs/common';
import { TemporalClientService } from './temporal-client.service';
import { TemporalWorkerService } from './temporal-worker.service';

@Global()
@Module({
  providers: [TemporalClientService, TemporalWorkerService],
  exports: [TemporalClientService, TemporalWorkerService],
})
export class TemporalModule {}
