import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../api/api-error';
import { LOCAL_TENANT, type TenantRequest } from '../api/auth/api-key.guard';
import { hashApiKey } from '../config/api-keys';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';

/** Host names a local-mode Quarry is reached by; anything else is a DNS-rebinding attempt. */
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

/**
 * The tenant of an MCP request, from the same API keys as /v1. It resolves the tenant itself when
 * no global guard has (whatever path prefixes a global guard covers), and passes through when one
 * has. In local mode (no keys) it admits only requests addressed to loopback and, from a browser,
 * sent by a loopback page: MCP over HTTP is a POST any web page could otherwise aim at 127.0.0.1.
 */
@Injectable()
export class McpAuthGuard implements CanActivate {
  private readonly keys: { tenant: string; hash: Buffer }[];

  constructor(@Inject(QUARRY_CONFIG) private readonly config: QuarryConfig) {
    this.keys = config.auth.tenants.map((t) => ({
      tenant: t.tenant,
      hash: Buffer.from(t.keyHash, 'hex'),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<TenantRequest>();
    if (this.config.http.localMode) {
      const origin = req.headers.origin;
      const originHost = origin ? /^https?:\/\/([^/]+)$/i.exec(origin)?.[1] : undefined;
      if (
        !LOOPBACK_HOST.test(req.headers.host ?? '') ||
        (origin && !LOOPBACK_HOST.test(originHost ?? ''))
      )
        throw new ApiError(403, 'forbidden', 'MCP in local mode answers loopback requests only');
    }
    if (req.tenant) return true;
    if (this.config.http.localMode) {
      req.tenant = LOCAL_TENANT;
      return true;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const presented = match ? Buffer.from(hashApiKey(match[1]), 'hex') : undefined;
    let tenant: string | undefined;
    // Compared with every key in constant time, as the API's own guard does.
    for (const key of this.keys)
      if (presented && timingSafeEqual(key.hash, presented)) tenant = key.tenant;
    if (!tenant) {
      // RFC 6750, and what MCP clients look for on a 401.
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new ApiError(
        401,
        'unauthorized',
        match ? 'Unknown API key' : 'Send your API key as `Authorization: Bearer <key>`',
      );
    }
    req.tenant = tenant;
    return true;
  }
}
