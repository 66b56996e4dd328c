import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { TenantRequest } from './api-key.guard';

/** The tenant the ApiKeyGuard resolved for this request. */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const tenant = ctx.switchToHttp().getRequest<TenantRequest>().tenant;
  if (!tenant) throw new Error('Tenant used on a route the ApiKeyGuard does not cover');
  return tenant;
});
