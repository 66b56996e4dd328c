import { planLengthBatches } from '../../src/knowledge/embeddings/onnx/length-batches';
import { providerErrorMessage } from '../../src/knowledge/embeddings/openai/embedding-request-error';
import {
  backoffDelayMs,
  parseRetryAfterMs,
} from '../../src/knowledge/embeddings/openai/retry-timing';

describe('planLengthBatches', () => {
  it('groups similar lengths, shortest first, at most batchSize per batch', () => {
    expect(planLengthBatches([50, 3, 400, 7, 52, 390, 5], 3)).toEqual([[1, 6, 3], [0, 4, 5], [2]]);
    expect(planLengthBatches([], 8)).toEqual([]);
    expect(() => planLengthBatches([1], 0)).toThrow(/positive integer/);
  });
});

describe('retry timing', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads retry-after as seconds or as an HTTP-date', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it('doubles the delay per attempt up to the cap, with jitter in the upper half', () => {
    expect(backoffDelayMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelayMs(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelayMs(4, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelayMs(20, 500, 30_000, () => 0.5)).toBe(22_500);
  });
});

describe('providerErrorMessage', () => {
  it('finds the message in the shapes providers use', () => {
    expect(providerErrorMessage('{"error":{"message":"bad key","type":"auth"}}')).toBe('bad key');
    expect(providerErrorMessage('{"error":"model not found"}')).toBe('model not found');
    expect(providerErrorMessage('{"detail":[{"msg":"a"},{"msg":"b"}]}')).toBe('a; b');
    expect(providerErrorMessage('Bad Gateway')).toBe('Bad Gateway');
    expect(providerErrorMessage('')).toBe('(empty response body)');
  });
});
