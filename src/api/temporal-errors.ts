import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { errorBody, type ErrorBody } from './error-body';

/** The gRPC status codes Temporal answers with (grpc/status.proto; stable by specification). */
const grpcStatus = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
} as const;

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/** The gRPC error a Temporal client call failed with: thrown directly, or as some error's cause. */
function grpcErrorOf(err: unknown): { code: number; details: string } | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (isGrpcServiceError(e)) return { code: e.code, details: e.details };
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps an error from a Temporal call by what the server said, not by where it came from: a request
 * Temporal refuses (a search attribute over its size limit, a malformed page token) is the client's
 * 400 with the reason, a missing execution a 404, and only an unreachable or slow server a 503.
 * Returns undefined for errors that did not come from Temporal.
 */
export function mapTemporalError(err: unknown): MappedError | undefined {
  const grpc = grpcErrorOf(err);
  if (!grpc) {
    return err instanceof ServiceError
      ? { status: 500, body: errorBody('internal', 'Unexpected answer from Temporal') }
      : undefined;
  }
  const reason = grpc.details || 'no reason given';
  switch (grpc.code) {
    case grpcStatus.INVALID_ARGUMENT:
      return {
        status: 400,
        body: errorBody('bad_request', `Temporal refused the request: ${reason}`),
      };
    case grpcStatus.NOT_FOUND:
      return { status: 404, body: errorBody('not_found', `Not found: ${reason}`) };
    case grpcStatus.ALREADY_EXISTS:
    case grpcStatus.FAILED_PRECONDITION:
      return { status: 409, body: errorBody('conflict', reason) };
    case grpcStatus.RESOURCE_EXHAUSTED:
      return {
        status: 429,
        body: errorBody(
          'rate_limited',
          `Temporal is over its request limit; retry shortly (${reason})`,
        ),
        headers: { 'Retry-After': '1' },
      };
    case grpcStatus.UNAVAILABLE:
    case grpcStatus.DEADLINE_EXCEEDED:
      return {
        status: 503,
        body: errorBody('unavailable', 'Temporal is unavailable; retry shortly'),
      };
    default:
      // Permission, authentication, internal errors: the server's configuration, not the caller's.
      return { status: 500, body: errorBody('internal', `Temporal error: ${reason}`) };
  }
}
