import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { hashApiKey } from '../config/api-keys';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { ApiError } from '../api/api-error';

/**
 * /metrics is outside the tenants' keys (it shows no tenant's data, and a scraper is no tenant);
 * with QUARRY_METRICS_KEY set it asks for that key as a Bearer token, as Prometheus can send.
 */
@Injectable()
export class MetricsKeyGuard implements CanActivate {
  private readonly hash?: Buffer;

  constructor(@Inject(QUARRY_CONFIG) config: QuarryConfig) {
    if (config.access.metricsKeyHash) this.hash = Buffer.from(config.access.metricsKeyHash, 'hex');
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.hash) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const presented = match ? Buffer.from(hashApiKey(match[1]), 'hex') : undefined;
    if (!presented || !timingSafeEqual(presented, this.hash)) {
      throw new ApiError(
        401,
        'unauthorized',
        'Send the metrics key (QUARRY_METRICS_KEY) as `Authorization: Bearer <key>`',
      );
    }
    return true;
  }
}
