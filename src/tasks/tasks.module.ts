import { Module } from '@nestjs/common';
import { TasksController } from './tasks.controller';
import { EventStreamCap } from './event-stream-cap';
import { RunningTaskCap } from './running-task-cap';
import { TaskWatchers } from './task-watch';
import { TasksService } from './tasks.service';

@Module({
  controllers: [TasksController],
  providers: [TasksService, RunningTaskCap, EventStreamCap, TaskWatchers],
  exports: [TasksService, RunningTaskCap],
})
export class TasksModule {}
