import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../api/auth/public.decorator';
import { HEALTH_REPORT_SCHEMA } from './health-response';
import { HealthService, type HealthReport } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness of Quarry and what it depends on' })
  @ApiResponse({ status: 200, description: 'Everything is up', schema: HEALTH_REPORT_SCHEMA })
  @ApiResponse({
    status: 503,
    description: 'A dependency is down; `details` names it',
    schema: HEALTH_REPORT_SCHEMA,
  })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
