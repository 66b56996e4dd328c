import { isRetryableStatus, retryAfterMs } from '../provider-errors';

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

interface ProviderError {
  status?: unknown;
  headers?: unknown;
  error?: { message?: unknown; error?: { message?: unknown } };
  message?: string;
  name?: string;
}

/** The provider's own words: OpenAI's `{error: {message}}`, Anthropic's `{error: {error: {message}}}`. */
function providerMessage(e: ProviderError, status: number): string {
  const nested = e.error?.error?.message ?? e.error?.message;
  if (typeof nested === 'string' && nested) return nested.slice(0, 300);
  return (e.message ?? '').replace(new RegExp(`^${status}\\s*`), '').slice(0, 300);
}

function headersOf(value: unknown): Headers {
  if (value instanceof Headers) return value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    return new Headers(entries);
  }
  return new Headers();
}

/**
 * Any failure of a model call (an SDK's HTTP error, a timeout, a refused connection) as a
 * ModelCallError that src/agent/step-failures.ts classifies; a cancellation passes through as is.
 */
export function toModelCallError(modelId: string, err: unknown): unknown {
  if (err instanceof ModelCallError) return err;
  let e = (err ?? {}) as ProviderError & { cause?: ProviderError };
  if (e.name === 'AbortError') return err;
  // LangChain wraps some HTTP errors (a context overflow) and keeps the SDK's error as the cause.
  if (typeof e.status !== 'number' && typeof e.cause?.status === 'number') e = e.cause;
  if (typeof e.status === 'number') {
    return ModelCallError.fromStatus(
      modelId,
      e.status,
      providerMessage(e, e.status),
      retryAfterMs(headersOf(e.headers)),
    );
  }
  if (e.name === 'TimeoutError' || /timed? ?out/i.test(e.message ?? ''))
    return new ModelCallError(modelId, `no reply in time (${e.message ?? 'timeout'})`, true);
  return new ModelCallError(modelId, `unreachable or failed (${e.message ?? String(err)})`, true);
}
