/**
 * What chat models and embedders share about a provider's failed HTTP answer: whether trying
 * again can help, how long the provider asked to wait, and its own explanation. Retrying itself
 * is Temporal's job (the activity's retry policy, `nextRetryDelay` for a Retry-After).
 */

/** Timeouts, rate limits and server faults may pass; any other 4xx is the same on every try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
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

/** The provider's own explanation from an error body, in the shapes OpenAI-compatible servers use. */
export function providerErrorMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '(empty response body)';
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const message = messageIn(parsed);
    if (message) return message.length > 300 ? `${message.slice(0, 300)}…` : message;
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
