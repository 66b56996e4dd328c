import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { SchedulesController } from './schedules.controller';
import { ScheduleCap } from './schedule-cap';
import { SchedulesService } from './schedules.service';

@Module({
  imports: [TasksModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, ScheduleCap],
})
export class SchedulesModule {}
