import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiStandardErrors } from '../api/openapi/error-responses';
import { randomUUID } from 'node:crypto';
import type { RoundTripResult } from '../../workflows/diagnostics.workflow';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { ROUND_TRIP_SCHEMA } from './diagnostics-response';

export interface RoundTripResponse {
  workflowId: string;
  runId: string;
  elapsedMs: number;
  result: RoundTripResult;
}

@ApiTags('diagnostics')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/diagnostics')
export class DiagnosticsController {
  constructor(private readonly temporal: TemporalClientService) {}

  @Post('roundtrip')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run a workflow whose activity queries Weaviate, and wait for its result',
  })
  @ApiOkResponse({ schema: ROUND_TRIP_SCHEMA })
  async roundTrip(): Promise<RoundTripResponse> {
    const started = performance.now();
    const handle = await this.temporal.client.workflow.start('diagnosticsWorkflow', {
      taskQueue: this.temporal.taskQueue,
      workflowId: `diagnostics-${randomUUID()}`,
      workflowExecutionTimeout: '60 seconds',
    });
    const result = (await handle.result()) as RoundTripResult;
    return {
      workflowId: handle.workflowId,
      runId: handle.firstExecutionRunId,
      elapsedMs: Math.round(performance.now() - started),
      result,
    };
  }
}
