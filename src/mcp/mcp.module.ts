import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { McpAuthGuard } from './mcp-auth.guard';
import { McpController } from './mcp.controller';

@Module({ imports: [TasksModule], controllers: [McpController], providers: [McpAuthGuard] })
export class McpModule {}
