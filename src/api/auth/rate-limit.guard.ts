import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { QuarryConfig } from '../../config/config';
import { QUARRY_CONFIG } from '../../config/config.module';
import { ApiError } from '../api-error';
import type { TenantRequest } from './api-key.guard';
import { isPublicRoute } from './public.decorator';

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per tenant (per API key's tenant, or the local user): `limit` requests a minute,
 * with bursts up to `limit`. Past it, 429 with `Retry-After` saying when the next request fits.
 * Every route the key guard covers is limited (the same route metadata decides); `@Public()` ones
 * (health probes, scrapes) are not. In-process: each API replica limits its own traffic.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMinute: number;

  constructor(
    @Inject(QUARRY_CONFIG) config: QuarryConfig,
    private readonly reflector: Reflector,
  ) {
    this.perMinute = config.limits.requestsPerMinute;
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.perMinute === 0 || isPublicRoute(this.reflector, context)) return true;
    const { tenant } = context.switchToHttp().getRequest<TenantRequest>();
    // The key guard runs first and sets the tenant on every route that is not public.
    if (!tenant) throw new Error('RateLimitGuard ran on a route without a tenant');
    const wait = this.take(tenant, Date.now());
    if (wait === 0) return true;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new ApiError(
      429,
      'rate_limited',
      `Over the limit of ${this.perMinute} requests a minute; retry in ${seconds} s`,
      { limitPerMinute: this.perMinute, retryAfterSeconds: seconds },
    );
  }

  /** Takes a token; returns 0, or the milliseconds until one is free. */
  take(key: string, now: number): number {
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updated: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updated) * perMs);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / perMs;
  }
}
