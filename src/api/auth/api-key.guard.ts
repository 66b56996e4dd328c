import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { hashApiKey } from '../../config/api-keys';
import type { QuarryConfig } from '../../config/config';
import { QUARRY_CONFIG } from '../../config/config.module';
import { ApiError } from '../api-error';
import { isPublicRoute } from './public.decorator';

/** The tenant every request runs as in single-user local mode (no QUARRY_API_KEYS). */
export const LOCAL_TENANT = 'local';

export type TenantRequest = Request & { tenant?: string };

/**
 * Maps `Authorization: Bearer <key>` to a tenant on every route not marked `@Public()`. Without
 * configured keys Quarry is a local single-user service (loopback only, see listen-policy.ts, with
 * cross-site requests refused by local-origin.ts) and every request is the local tenant.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: { tenant: string; hash: Buffer }[];

  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly reflector: Reflector,
  ) {
    this.keys = config.auth.tenants.map((t) => ({
      tenant: t.tenant,
      hash: Buffer.from(t.keyHash, 'hex'),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TenantRequest>();
    if (isPublicRoute(this.reflector, context)) return true;
    if (this.config.http.localMode) {
      req.tenant = LOCAL_TENANT;
      return true;
    }
    // RFC 6750's challenge on every 401; MCP clients look for it to know a key is wanted.
    const unauthorized = (message: string) => {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      return new ApiError(401, 'unauthorized', message);
    };
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('Send your API key as `Authorization: Bearer <key>`');
    const presented = Buffer.from(hashApiKey(match[1]), 'hex');
    // Compare against every key in constant time so timing reveals nothing about which matched.
    let tenant: string | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(key.hash, presented)) tenant = key.tenant;
    }
    if (!tenant) throw unauthorized('Unknown API key');
    req.tenant = tenant;
    return true;
  }
}
