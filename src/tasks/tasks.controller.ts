import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiError } from '../api/api-error';
import { Tenant } from '../api/auth/tenant.decorator';
import { ApiErrors, ApiStandardErrors } from '../api/openapi/error-responses';
import { openApiSchema } from '../api/openapi/zod-schema';
import { ApiBodyFrom, ZodBodyPipe } from '../api/zod-body.pipe';
import { EventStreamCap } from './event-stream-cap';
import { TokenChannelService } from '../streaming/token-channel.service';
import { streamTaskEvents } from './task-events';
import {
  createTaskBody,
  taskReplyBody,
  type CreateTaskBody,
  type TaskReplyBody,
} from './task-requests';
import { taskListSchema, taskViewSchema, type TaskList, type TaskView } from './task-view';
import { ListTasksQueryDto } from './task.dto';
import { TasksService } from './tasks.service';

// The responses as the spec shows them, generated from the schemas the service's types come from.
const TASK_VIEW = openApiSchema(taskViewSchema, 'output');
const TASK_LIST = openApiSchema(taskListSchema, 'output');

@ApiTags('tasks')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly streams: EventStreamCap,
    private readonly tokens: TokenChannelService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a task: answer a question, or research it (plan, sub-answers, report)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'The same key returns the same task',
  })
  @ApiBodyFrom(createTaskBody)
  @ApiAcceptedResponse({ schema: TASK_VIEW })
  @ApiErrors(404)
  create(
    @Tenant() tenant: string,
    @Body(new ZodBodyPipe(createTaskBody)) body: CreateTaskBody,
    @Headers('idempotency-key') key?: string,
  ): Promise<TaskView> {
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ApiError(
        400,
        'validation_failed',
        'Idempotency-Key must be 1-200 visible ASCII characters',
      );
    }
    return this.tasks.create(tenant, body, key);
  }

  @Get()
  @ApiOperation({
    summary: 'List tasks, newest first, filtered; served from Temporal visibility with a cursor',
  })
  @ApiOkResponse({ schema: TASK_LIST })
  list(@Tenant() tenant: string, @Query() q: ListTasksQueryDto): Promise<TaskList> {
    const { limit, cursor, q: text, ...filters } = q;
    return this.tasks.list(tenant, { ...filters, text }, limit ?? 20, cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status, step timeline, partial results, the answer or report, usage' })
  @ApiOkResponse({ schema: TASK_VIEW })
  @ApiErrors(404)
  get(@Tenant() tenant: string, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.get(tenant, id);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: 'Progress as Server-Sent Events; reconnect with Last-Event-ID to get what you missed',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The event stream', content: { 'text/event-stream': {} } })
  @ApiErrors(404)
  async events(
    @Tenant() tenant: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<void> {
    const last = lastEventId === undefined ? 0 : Number(lastEventId);
    if (!Number.isInteger(last) || last < 0)
      throw new ApiError(400, 'validation_failed', 'Last-Event-ID must be a whole number');
    this.streams.acquire(tenant, res);
    await streamTaskEvents(
      req,
      res,
      last,
      () => this.tasks.get(tenant, id),
      (listener) => this.tokens.subscribe(id, listener),
    );
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a running task (the step in flight stops its model call)' })
  @ApiAcceptedResponse({ schema: TASK_VIEW })
  @ApiErrors(404, 409)
  cancel(@Tenant() tenant: string, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.cancel(tenant, id);
  }

  @Post(':id/input')
  @HttpCode(202)
  @ApiOperation({ summary: 'Answer a clarifying question, or approve or edit a research plan' })
  @ApiBodyFrom(taskReplyBody)
  @ApiAcceptedResponse({ schema: TASK_VIEW })
  @ApiErrors(404, 409)
  input(
    @Tenant() tenant: string,
    @Param('id') id: string,
    @Body(new ZodBodyPipe(taskReplyBody)) body: TaskReplyBody,
  ): Promise<TaskView> {
    return this.tasks.input(tenant, id, body);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a new run of a failed or cancelled task, with the same input' })
  @ApiAcceptedResponse({ schema: TASK_VIEW })
  @ApiErrors(404, 409)
  retry(@Tenant() tenant: string, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.retry(tenant, id);
  }
}
