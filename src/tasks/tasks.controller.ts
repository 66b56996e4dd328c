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
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiError } from '../api/api-error';
import { ApiIdempotencyKey, IdempotencyKey } from '../api/idempotency-key';
import { Tenant } from '../api/auth/tenant.decorator';
import { ApiErrors, ApiStandardErrors } from '../api/openapi/error-responses';
import { openApiSchema } from '../api/openapi/zod-schema';
import { ApiBodyFrom, ZodBodyPipe } from '../api/zod-body.pipe';
import { EventStreamCap } from './event-stream-cap';
import { TokenChannelService } from '../streaming/token-channel.service';
import { streamTaskEvents, type EventSource } from './task-events';
import { TaskWatchers } from './task-watch';
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
    private readonly watchers: TaskWatchers,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a task: answer a question, or research it (plan, sub-answers, report)',
  })
  @ApiIdempotencyKey('task')
  @ApiBodyFrom(createTaskBody)
  @ApiAcceptedResponse({ schema: TASK_VIEW })
  @ApiErrors(404)
  create(
    @Tenant() tenant: string,
    @Body(new ZodBodyPipe(createTaskBody)) body: CreateTaskBody,
    @IdempotencyKey() key?: string,
  ): Promise<TaskView> {
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
    const read = () => this.tasks.get(tenant, id);
    const first = await read(); // a missing task is a 404, before the stream starts
    this.streams.acquire(tenant, res);
    // The answer's tokens as it is written: best effort, beside the durable progress.
    const tokens: EventSource = (sink) =>
      this.tokens.subscribe(id, ({ node, draft, text }) =>
        sink.send('token', { node, draft, text }),
      );
    await streamTaskEvents(
      req,
      res,
      last,
      first,
      (listener) => this.watchers.follow(id, read, listener),
      [tokens],
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
