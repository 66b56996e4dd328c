import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../api/api-error';
import { Tenant } from '../api/auth/tenant.decorator';
import { CreateTaskDto } from './task.dto';
import { TasksService, type TaskView } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask a question over a knowledge base; the agent runs as a durable workflow',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'The same key returns the same task',
  })
  create(
    @Tenant() tenant: string,
    @Body() body: CreateTaskDto,
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

  @Get(':id')
  @ApiOperation({ summary: 'Status, step timeline and (when done) the answer with citations' })
  get(@Tenant() tenant: string, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.get(tenant, id);
  }
}
