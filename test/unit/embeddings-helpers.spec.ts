import { planLengthBatches } from '../../src/knowledge/embeddings/onnx/length-batches';
import {
  isRetryableStatus,
  providerErrorMessage,
  retryAfterMs,
} from '../../src/models/provider-errors';

describe('planLengthBatches', () => {
  it('groups similar lengths, shortest first, at most batchSize per batch', () => {
    expect(planLengthBatches([50, 3, 400, 7, 52, 390, 5], 3)).toEqual([[1, 6, 3], [0, 4, 5], [2]]);
    expect(planLengthBatches([], 8)).toEqual([]);
    expect(() => planLengthBatches([1], 0)).toThrow(/positive integer/);
  });
});

describe('provider errors shared by chat models and embedders', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads retry-after as seconds or as an HTTP-date, retry-after-ms first', () => {
    const after = (headers: Record<string, string>) => retryAfterMs(new Headers(headers), now);
    expect(after({ 'retry-after': '3' })).toBe(3000);
    expect(after({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' })).toBe(10_000);
    expect(after({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' })).toBe(0);
    expect(after({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(after({ 'retry-after': 'soon' })).toBeUndefined();
    expect(after({})).toBeUndefined();
  });

  it('retries timeouts, rate limits and server faults, no other 4xx', () => {
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 402, 403, 404, 409, 413, 422]) {
      expect(isRetryableStatus(status)).toBe(false);
    }
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
