import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { McpController } from './mcp.controller';

@Module({ imports: [TasksModule], controllers: [McpController] })
export class McpModule {}
