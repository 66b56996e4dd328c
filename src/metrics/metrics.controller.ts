import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import { Public } from '../api/auth/public.decorator';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { MetricsKeyGuard } from './metrics-key.guard';
import { registry } from './registry';
import { TaskCounts } from './task-counts';
import { workerMetrics } from './worker-metrics';

const taskCount = new Gauge({
  name: 'quarry_tasks',
  help: 'Tasks (answer and research workflows) by status, from Temporal visibility (cached 10 s)',
  labelNames: ['status'] as const,
  registers: [registry],
});

/**
 * Prometheus scrape endpoint. Not a tenant route: it shows counts and latencies, no tenant's data;
 * QUARRY_METRICS_KEY protects it.
 */
@ApiExcludeController()
@Public()
@UseGuards(MetricsKeyGuard)
@Controller('metrics')
export class MetricsController {
  private readonly counts: TaskCounts;

  constructor(temporal: TemporalClientService) {
    this.counts = new TaskCounts(
      async (query) => (await temporal.client.workflow.count(query)).count,
    );
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    for (const [status, count] of await this.counts.get()) taskCount.set({ status }, count);
    const [own, worker] = await Promise.all([registry.metrics(), workerMetrics()]);
    return worker ? `${own}\n${worker}` : own;
  }
}
