import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyGuard, type TenantRequest } from '../../src/api/auth/api-key.guard';
import { Public } from '../../src/api/auth/public.decorator';
import { RateLimitGuard } from '../../src/api/auth/rate-limit.guard';
import type { ApiError } from '../../src/api/api-error';
import { loadConfig } from '../../src/config/config';

/** The status and message of what `fn` throws. */
function thrown(fn: () => unknown): { status?: number; message?: string } {
  try {
    fn();
  } catch (err) {
    const body = (err as ApiError).getResponse() as { error: { message: string } };
    return { status: (err as ApiError).getStatus(), message: body.error.message };
  }
  return {};
}

@Public()
class OpenController {
  get(): void {}
}

class TenantController {
  get(): void {}
  @Public()
  probe(): void {}
}

function context(cls: new () => object, method: string, req: Partial<TenantRequest>) {
  return {
    getClass: () => cls,
    getHandler: () => (cls.prototype as Record<string, unknown>)[method],
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({ setHeader() {} }) }),
  } as unknown as ExecutionContext;
}

describe('authentication by route metadata', () => {
  const key = '0123456789abcdef0123';
  const config = loadConfig({ QUARRY_API_KEYS: `acme:${key}`, QUARRY_RATE_LIMIT_PER_MINUTE: '1' });
  const keys = new ApiKeyGuard(config, new Reflector());

  it('needs a key on every route not marked @Public(), whatever its path says', () => {
    for (const path of ['/v1/tasks', '/V1/tasks', '/anything', '']) {
      const refused = thrown(() =>
        keys.canActivate(context(TenantController, 'get', { path, headers: {} })),
      );
      expect(refused).toEqual({ status: 401, message: expect.stringMatching(/Send your API key/) });
    }
  });

  it('lets @Public() routes and controllers through without a key', () => {
    expect(keys.canActivate(context(OpenController, 'get', { headers: {} }))).toBe(true);
    expect(keys.canActivate(context(TenantController, 'probe', { headers: {} }))).toBe(true);
  });

  it('maps a known key to its tenant', () => {
    const req: Partial<TenantRequest> = { headers: { authorization: `Bearer ${key}` } };
    expect(keys.canActivate(context(TenantController, 'get', req))).toBe(true);
    expect(req.tenant).toBe('acme');
  });

  it('rate-limits the same routes the key guard covers, and no public one', () => {
    const limits = new RateLimitGuard(config, new Reflector());
    const req = { tenant: 'acme', headers: {} };
    expect(limits.canActivate(context(TenantController, 'get', req))).toBe(true);
    expect(thrown(() => limits.canActivate(context(TenantController, 'get', req)))).toEqual({
      status: 429,
      message: expect.stringMatching(/1 requests a minute/),
    });
    for (let i = 0; i < 5; i++)
      expect(limits.canActivate(context(OpenController, 'get', { headers: {} }))).toBe(true);
  });
});
