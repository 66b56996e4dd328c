import type { ExecutionContext } from '@nestjs/common';
import { ApiError } from '../../src/api/api-error';
import type { ErrorBody } from '../../src/api/error-body';
import { loadConfig } from '../../src/config/config';
import { McpAuthGuard } from '../../src/mcp/mcp-auth.guard';

/** A request as the guard sees it, and the headers it sets on the response. */
function context(headers: Record<string, string>, tenant?: string) {
  const req = { headers, tenant } as { headers: Record<string, string>; tenant?: string };
  const set: Record<string, string> = {};
  const ctx = {
    switchToHttp: () => ({
      getRequest: () => req,
      getResponse: () => ({ setHeader: (k: string, v: string) => (set[k] = v) }),
    }),
  } as unknown as ExecutionContext;
  return { ctx, req, set };
}

/** The status and message a guard refuses with (none when it admits). */
function refusal(run: () => unknown): { status: number; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { status: err.getStatus(), message: (err.getResponse() as ErrorBody).error.message };
  }
}

const key = 'k-0123456789abcdef';
const keyed = new McpAuthGuard(loadConfig({ QUARRY_API_KEYS: `alpha:${key}` }));
const local = new McpAuthGuard(loadConfig({}));

describe('McpAuthGuard', () => {
  it('maps a Bearer key to its tenant, and refuses a missing or unknown key with 401', () => {
    const ok = context({ host: 'q.example', authorization: `bearer ${key}` });
    expect(keyed.canActivate(ok.ctx)).toBe(true);
    expect(ok.req.tenant).toBe('alpha');
    const none = context({ host: 'q.example' });
    expect(refusal(() => keyed.canActivate(none.ctx))).toEqual({
      status: 401,
      message: expect.stringContaining('Send your API key'),
    });
    expect(none.set['WWW-Authenticate']).toBe('Bearer');
    expect(refusal(() => keyed.canActivate(context({ authorization: 'Bearer nope' }).ctx))).toEqual(
      { status: 401, message: expect.stringContaining('Unknown API key') },
    );
  });

  it('keeps a tenant a global guard already resolved', () => {
    const pre = context({ host: 'q.example' }, 'beta');
    expect(keyed.canActivate(pre.ctx)).toBe(true);
    expect(pre.req.tenant).toBe('beta');
  });

  it('in local mode admits loopback only: no other Host, no page from another origin', () => {
    const ok = context({ host: '127.0.0.1:3000', origin: 'http://localhost:3000' });
    expect(local.canActivate(ok.ctx)).toBe(true);
    expect(ok.req.tenant).toBe('local');
    expect(local.canActivate(context({ host: '[::1]:3000' }).ctx)).toBe(true);
    expect(refusal(() => local.canActivate(context({ host: 'rebound.example:3000' }).ctx))).toEqual(
      { status: 403, message: expect.stringContaining('loopback requests only') },
    );
    expect(
      refusal(() =>
        local.canActivate(context({ host: '127.0.0.1:3000', origin: 'https://evil.example' }).ctx),
      ),
    ).toEqual({ status: 403, message: expect.stringContaining('loopback requests only') });
    expect(
      refusal(() => local.canActivate(context({ host: '127.0.0.1:3000', origin: 'null' }).ctx)),
    ).toEqual({ status: 403, message: expect.stringContaining('loopback requests only') });
  });
});
