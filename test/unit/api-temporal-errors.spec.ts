import { ServiceError } from '@temporalio/client';
import { mapTemporalError } from '../../src/api/temporal-errors';

/** An error shaped as @grpc/grpc-js throws them (code, details, metadata). */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('mapTemporalError', () => {
  it('answers 400 with the reason for INVALID_ARGUMENT, wrapped or not', () => {
    const reason = 'search attribute QuarryQuestion exceeds size limit 2048';
    const wrapped = new ServiceError('Failed to start Workflow', { cause: grpcError(3, reason) });
    for (const err of [wrapped, grpcError(3, reason)]) {
      const mapped = mapTemporalError(err);
      expect(mapped?.status).toBe(400);
      expect(mapped?.body.error.message).toContain(reason);
    }
  });

  it('answers 404 for NOT_FOUND and 409 for ALREADY_EXISTS and FAILED_PRECONDITION', () => {
    expect(mapTemporalError(grpcError(5, 'workflow not found'))?.status).toBe(404);
    expect(mapTemporalError(grpcError(6, 'exists'))?.status).toBe(409);
    expect(mapTemporalError(grpcError(9, 'not running'))?.status).toBe(409);
  });

  it('answers 503 only when Temporal is unreachable or too slow', () => {
    expect(mapTemporalError(grpcError(14, 'connection refused'))).toMatchObject({
      status: 503,
      body: { error: { code: 'unavailable' } },
    });
    expect(mapTemporalError(grpcError(4, 'deadline exceeded'))?.status).toBe(503);
    expect(mapTemporalError(grpcError(7, 'permission denied'))?.status).toBe(500);
    expect(mapTemporalError(grpcError(13, 'internal'))?.status).toBe(500);
  });

  it('answers 429 with Retry-After when Temporal is over its request limit', () => {
    expect(mapTemporalError(grpcError(8, 'namespace rate limit exceeded'))).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '1' },
    });
  });

  it('leaves errors that did not come from Temporal to the other mappings', () => {
    expect(mapTemporalError(new Error('boom'))).toBeUndefined();
    expect(mapTemporalError('text')).toBeUndefined();
  });
});
