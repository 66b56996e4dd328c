import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Response } from 'express';
import { KnowledgeStoreError } from '../knowledge/store/errors';
import { codeForStatus, errorBody, type ErrorBody } from './error-body';
import { mapTemporalError } from './temporal-errors';

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof value.error === 'object'
  );
}

/** Maps every error (HTTP, validation, Temporal, unexpected) to a status and the stable error body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body, headers] = AllExceptionsFilter.response(exception);
    if (status >= 500)
      this.logger.error(
        body.error.message,
        exception instanceof Error ? exception.stack : undefined,
      );
    if (res.headersSent) return;
    if (headers) res.set(headers);
    const retryAfter = (body.error.details as { retryAfterSeconds?: unknown } | undefined)
      ?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number' && !res.getHeader('retry-after'))
      res.set('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }

  /** The status, body and headers an error gets; also what MCP tools report, so both say the same. */
  static response(exception: unknown): [number, ErrorBody, Record<string, string>?] {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (isErrorBody(response)) return [status, response];
      const raw =
        typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message =
        typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join('; ') : exception.message;
      return [status, errorBody(codeForStatus(status), message)];
    }
    if (exception instanceof KnowledgeStoreError) {
      return [exception.status, errorBody(codeForStatus(exception.status), exception.message)];
    }
    if (exception instanceof WorkflowNotFoundError) {
      return [404, errorBody('not_found', 'No such task')];
    }
    if (exception instanceof WorkflowExecutionAlreadyStartedError) {
      return [409, errorBody('conflict', 'A task with this id is already running')];
    }
    // Any other Temporal error, by the status the server gave (503 only when it is unreachable).
    const temporal = mapTemporalError(exception);
    if (temporal) return [temporal.status, temporal.body, temporal.headers];
    const client = clientError(exception);
    if (client) return client;
    return [500, errorBody('internal', 'Internal error')];
  }
}

/**
 * Errors Express middleware raises about the request itself (body-parser's `http-errors`: a body
 * over the limit, malformed JSON) carry a 4xx `status` and `expose: true`.
 */
function clientError(exception: unknown): [number, ErrorBody] | undefined {
  const e = exception as { status?: unknown; expose?: unknown; type?: unknown; limit?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || e.expose !== true)
    return undefined;
  const message =
    e.type === 'entity.too.large'
      ? `The request body is over the limit of ${String(e.limit)} bytes`
      : e.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : (exception as Error).message;
  return [e.status, errorBody(codeForStatus(e.status), message)];
}
