/** HTTP statuses that say the request itself is wrong: retrying the same call cannot help. */
const REJECTED = new Set([400, 401, 403, 404, 409, 413, 422]);

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
    return new ModelCallError(modelId, reason, !REJECTED.has(status), status, retryAfterMs);
  }
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date; undefined when absent. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
