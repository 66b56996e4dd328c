import { Global, Module } from '@nestjs/common';
import { TemporalClientService } from './temporal-client.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { TracingService } from '../tracing/tracing.service';

@Global()
@Module({
  providers: [TracingService, TemporalClientService, TemporalWorkerService],
  exports: [TemporalClientService, TemporalWorkerService],
})
export class TemporalModule {}
