import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import { Public } from '../api/auth/public.decorator';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { registry } from './registry';
import { workerMetrics } from './worker-metrics';

const taskCount = new Gauge({
  name: 'quarry_tasks',
  help: 'Tasks (answer and research workflows) by status, from Temporal visibility',
  labelNames: ['status'] as const,
  registers: [registry],
});

const STATUSES: [string, string][] = [
  ['running', "ExecutionStatus = 'Running'"],
  ['completed', "ExecutionStatus = 'Completed'"],
  ['failed', "ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated')"],
  ['cancelled', "ExecutionStatus = 'Canceled'"],
];

/** Prometheus scrape endpoint. Outside /v1: it shows counts and latencies, no tenant's data. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly temporal: TemporalClientService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    const tasks = "WorkflowType IN ('askWorkflow', 'researchWorkflow')";
    await Promise.all(
      STATUSES.map(async ([status, clause]) => {
        try {
          const { count } = await this.temporal.client.workflow.count(`${tasks} AND ${clause}`);
          taskCount.set({ status }, count);
        } catch {
          // Temporal unreachable: the other metrics still scrape; /health reports the outage.
        }
      }),
    );
    const [own, worker] = await Promise.all([registry.metrics(), workerMetrics()]);
    return worker ? `${own}\n${worker}` : own;
  }
}
