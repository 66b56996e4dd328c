/**
 * An embeddings request that cannot succeed by retrying (bad key, unknown model, invalid input,
 * an answer that is not an embeddings response). Activities turn it into a non-retryable failure
 * carrying the provider's message (see embedding-failure.ts).
 */
export class EmbeddingRequestError extends Error {
  constructor(
    /** HTTP status of the provider's answer. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmbeddingRequestError';
  }
}

/**
 * The provider could not answer now (rate limit, timeout, server fault, unreachable): Temporal
 * retries the activity, after `retryAfterMs` when the provider said how long to wait.
 */
export class EmbeddingUnavailableError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the provider answered at all. */
    readonly status?: number,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EmbeddingUnavailableError';
  }
}

/** "fetch failed (connect ECONNREFUSED …)": undici hides the useful part in `cause`. */
export function describeError(err: unknown): string {
  const message = (value: unknown): string | undefined =>
    typeof value === 'object' && value !== null && 'message' in value
      ? String(value.message)
      : undefined;
  const outer = message(err) ?? String(err);
  const cause =
    typeof err === 'object' && err !== null && 'cause' in err ? message(err.cause) : undefined;
  return cause ? `${outer} (${cause})` : outer;
}
