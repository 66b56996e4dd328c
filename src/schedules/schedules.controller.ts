import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiIdempotencyKey, IdempotencyKey } from '../api/idempotency-key';
import { Tenant } from '../api/auth/tenant.decorator';
import { ApiBodyFrom, ZodBodyPipe } from '../api/zod-body.pipe';
import {
  createScheduleBody,
  ListSchedulesQueryDto,
  ScheduleNoteDto,
  type CreateScheduleBody,
} from './schedule.dto';
import { ApiErrors, ApiStandardErrors } from '../api/openapi/error-responses';
import { SCHEDULE_LIST_SCHEMA, SCHEDULE_VIEW_SCHEMA, TRIGGER_SCHEMA } from './schedule.schemas';
import type { ScheduleView } from './schedule-view';
import { SchedulesService } from './schedules.service';

@ApiTags('schedules')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Run a task on a schedule (cron or every); each run is an ordinary task',
    description:
      'A research run’s report says what is new since the schedule’s previous successful run. ' +
      'List a schedule’s runs with GET /v1/tasks?schedule=<id>.',
  })
  @ApiIdempotencyKey('schedule')
  @ApiBodyFrom(createScheduleBody)
  @ApiCreatedResponse({ schema: SCHEDULE_VIEW_SCHEMA })
  @ApiErrors(404, 409)
  create(
    @Tenant() tenant: string,
    @Body(new ZodBodyPipe(createScheduleBody)) body: CreateScheduleBody,
    @IdempotencyKey() key?: string,
  ): Promise<ScheduleView> {
    return this.schedules.create(tenant, body, key);
  }

  @Get()
  @ApiOperation({ summary: 'List schedules with their next runs and recent runs' })
  @ApiOkResponse({ schema: SCHEDULE_LIST_SCHEMA })
  list(
    @Tenant() tenant: string,
    @Query() q: ListSchedulesQueryDto,
  ): Promise<{ schedules: ScheduleView[]; nextCursor: string | null }> {
    return this.schedules.list(tenant, q.limit ?? 20, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A schedule: its task, timing, state, next runs and recent runs' })
  @ApiOkResponse({ schema: SCHEDULE_VIEW_SCHEMA })
  @ApiErrors(404)
  get(@Tenant() tenant: string, @Param('id') id: string): Promise<ScheduleView> {
    return this.schedules.get(tenant, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a schedule (runs already started go on as ordinary tasks)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  remove(@Tenant() tenant: string, @Param('id') id: string): Promise<void> {
    return this.schedules.remove(tenant, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a schedule: no runs until it is resumed (triggers still run)' })
  @ApiOkResponse({ schema: SCHEDULE_VIEW_SCHEMA })
  @ApiErrors(404)
  pause(
    @Tenant() tenant: string,
    @Param('id') id: string,
    @Body() body: ScheduleNoteDto,
  ): Promise<ScheduleView> {
    return this.schedules.pause(tenant, id, body?.note);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused schedule' })
  @ApiOkResponse({ schema: SCHEDULE_VIEW_SCHEMA })
  @ApiErrors(404)
  resume(
    @Tenant() tenant: string,
    @Param('id') id: string,
    @Body() body: ScheduleNoteDto,
  ): Promise<ScheduleView> {
    return this.schedules.resume(tenant, id, body?.note);
  }

  @Post(':id/trigger')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a run now, even while paused or while another run is going' })
  @ApiAcceptedResponse({ schema: TRIGGER_SCHEMA })
  @ApiErrors(404)
  trigger(
    @Tenant() tenant: string,
    @Param('id') id: string,
  ): Promise<{ taskId: string | null; schedule: ScheduleView }> {
    return this.schedules.trigger(tenant, id);
  }
}
