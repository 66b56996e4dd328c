import type { Embedder, TokenWindow } from '../types';
import { LruCache } from './lru-cache';

export const QUERY_CACHE_SIZE = 1000;

/** An embedder holding resources (a model thread) to release at shutdown. */
export interface ClosableEmbedder extends Embedder {
  close(): Promise<void>;
}

/**
 * Remembers query vectors: an agent rewriting and retrying a question embeds the same strings many
 * times. Concurrent requests for one query share a single embedding call; failures are not kept.
 */
export class CachedQueryEmbedder implements ClosableEmbedder {
  private readonly cache: LruCache<string, Promise<number[]>>;

  constructor(
    readonly inner: Embedder & Partial<ClosableEmbedder>,
    capacity = QUERY_CACHE_SIZE,
  ) {
    this.cache = new LruCache(capacity);
  }

  get modelId(): string {
    return this.inner.modelId;
  }

  get dimensions(): number {
    return this.inner.dimensions;
  }

  get maxChunkChars(): number | undefined {
    return this.inner.maxChunkChars;
  }

  async tokenWindow(): Promise<TokenWindow | undefined> {
    return this.inner.tokenWindow?.();
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  embedDocuments(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    return this.inner.embedDocuments(texts, signal);
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<number[]> {
    const key = `${this.inner.modelId}\n${text}`;
    let pending = this.cache.get(key);
    if (!pending) {
      // The first caller's signal must not cancel a result others may be waiting for.
      pending = this.inner.embedQuery(text);
      this.cache.set(key, pending);
      const mine = pending;
      void mine.catch(() => {
        if (this.cache.peek(key) === mine) this.cache.delete(key);
      });
    }
    const vector = await abortable(pending, signal);
    // Callers get their own copy, so mutating one never corrupts the cache.
    return vector.slice();
  }
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
