import { Reflector } from '@nestjs/core';
import { RateLimitGuard } from '../../src/api/auth/rate-limit.guard';
import type { QuarryConfig } from '../../src/config/config';

const guard = (perMinute: number) =>
  new RateLimitGuard(
    { limits: { requestsPerMinute: perMinute, maxUploadBytes: 1 } } as QuarryConfig,
    new Reflector(),
  );

describe('RateLimitGuard token bucket', () => {
  it('allows a burst up to the limit, then says how long until the next request fits', () => {
    const g = guard(60); // one a second
    for (let i = 0; i < 60; i++) expect(g.take('a', 0)).toBe(0);
    expect(g.take('a', 0)).toBeCloseTo(1000);
    expect(g.take('a', 500)).toBeCloseTo(500);
    expect(g.take('a', 1000)).toBe(0);
  });

  it('keeps tenants apart', () => {
    const g = guard(1);
    expect(g.take('a', 0)).toBe(0);
    expect(g.take('a', 0)).toBeGreaterThan(0);
    expect(g.take('b', 0)).toBe(0);
  });
});
