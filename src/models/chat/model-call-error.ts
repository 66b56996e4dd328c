import { isRetryableStatus } from '../provider-errors';

/**
 * A failed model call, classified for Temporal's retry policy: rejected requests fail the step at
 * once with the provider's reason; overload and outages are retried, after `retryAfterMs` when the
 * provider said how long to wait.
 */
export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';

  constructor(
    readonly modelId: string,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`${modelId}: ${message}`);
  }

  static fromStatus(
    modelId: string,
    status: number,
    detail: string,
    retryAfterMs?: number,
  ): ModelCallError {
    const reason = detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`;
    return new ModelCallError(modelId, reason, isRetryableStatus(status), status, retryAfterMs);
  }
}
