/** Milliseconds a `retry-after` header asks to wait (seconds or an HTTP-date), or undefined. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay, plus a random part
 * of the other half, so clients that failed together do not retry together.
 */
export function backoffDelayMs(
  failedAttempts: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const capped = Math.min(maxMs, baseMs * 2 ** (failedAttempts - 1));
  return capped / 2 + random() * (capped / 2);
}
