import { Module } from '@nestjs/common';
import { TasksController } from './tasks.controller';
import { EventStreamCap } from './event-stream-cap';
import { RunningTaskCap } from './running-task-cap';
import { TasksService } from './tasks.service';

@Module({
  controllers: [TasksController],
  providers: [TasksService, RunningTaskCap, EventStreamCap],
  exports: [TasksService, RunningTaskCap],
})
export class TasksModule {}
