/**
 * An embeddings request that cannot succeed by retrying (bad key, unknown model, invalid input,
 * an answer that is not an embeddings response). Its name lets Temporal list it as non-retryable.
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

/** The provider's own explanation from an error body, in the shapes OpenAI-compatible servers use. */
export function providerErrorMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '(empty response body)';
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const message = messageIn(parsed);
    if (message) return message;
  } catch {
    // Not JSON: the raw text below is the best explanation there is.
  }
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

function messageIn(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (Array.isArray(value)) {
    const parts = value.map(messageIn).filter((m): m is string => Boolean(m));
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail', 'msg']) {
    const found = messageIn(record[key]);
    if (found) return found;
  }
  return undefined;
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
