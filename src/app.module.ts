import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AllExceptionsFilter } from './api/all-exceptions.filter';
import { ApiKeyGuard } from './api/auth/api-key.guard';
import { RateLimitGuard } from './api/auth/rate-limit.guard';
import type { QuarryConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { HealthModule } from './health/health.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { loggerParams } from './logging/logger.options';
import { ModelsModule } from './models/models.module';
import { TasksModule } from './tasks/tasks.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpsModule } from './ops/ops.module';
import { SchedulesModule } from './schedules/schedules.module';
import { StreamingModule } from './streaming/streaming.module';
import { McpModule } from './mcp/mcp.module';
import { TemporalModule } from './temporal/temporal.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: QuarryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.log.level)),
        KnowledgeModule,
        ModelsModule,
        StreamingModule,
        TemporalModule,
        HealthModule,
        DiagnosticsModule,
        TasksModule,
        MetricsModule,
        OpsModule,
        SchedulesModule,
        McpModule,
        WebhooksModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        // After the key guard: limits apply per tenant, which the key guard resolves.
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
