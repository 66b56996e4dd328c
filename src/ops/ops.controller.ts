import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { temporal } from '@temporalio/proto';
import { ApiStandardErrors } from '../api/openapi/error-responses';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { OPS_OVERVIEW_SCHEMA } from './ops-response';

export interface OpsOverview {
  namespace: string;
  taskQueue: string;
  /** Temporal Web UI base URL, when known (local stack, or TEMPORAL_UI_URL). */
  temporalUiUrl: string | null;
  /** QUARRY_TRACE_URL_TEMPLATE: a task's trace id in place of `{traceId}` links its trace. */
  traceUrlTemplate: string | null;
  /** Workers polling the task queue, by kind; null when Temporal cannot say. */
  workers: { workflow: number; activity: number } | null;
  /** Tasks waiting in the queue for a worker, by kind; null when the server does not report it. */
  backlog: { workflow: number; activity: number } | null;
}

/** What the operations dashboard shows about the fleet, beside the tasks themselves. */
@ApiTags('operations')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/ops')
export class OpsController {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly temporal: TemporalClientService,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Worker count and task-queue backlog, and the Temporal UI and trace links',
  })
  @ApiOkResponse({ schema: OPS_OVERVIEW_SCHEMA })
  async overview(): Promise<OpsOverview> {
    const { namespace, taskQueue, uiUrl } = this.config.temporal;
    const links = {
      temporalUiUrl: uiUrl ?? null,
      traceUrlTemplate: this.config.tracing.urlTemplate ?? null,
    };
    const describe = async (type: temporal.api.enums.v1.TaskQueueType) => {
      const res = await this.temporal.client.workflowService.describeTaskQueue({
        namespace,
        taskQueue: {
          name: taskQueue,
          kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
        },
        taskQueueType: type,
        reportStats: true,
      });
      return {
        pollers: res.pollers?.length ?? 0,
        backlog: Number(res.stats?.approximateBacklogCount ?? Number.NaN),
      };
    };
    try {
      const [wf, act] = await Promise.all([
        describe(temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
        describe(temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
      ]);
      const backlogKnown = Number.isFinite(wf.backlog) && Number.isFinite(act.backlog);
      return {
        namespace,
        taskQueue,
        ...links,
        workers: { workflow: wf.pollers, activity: act.pollers },
        backlog: backlogKnown ? { workflow: wf.backlog, activity: act.backlog } : null,
      };
    } catch {
      return { namespace, taskQueue, ...links, workers: null, backlog: null };
    }
  }
}
