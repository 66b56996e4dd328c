import { LruCache } from '../../knowledge/embeddings/lru-cache';
import type { Embed } from './options';

/** Texts remembered per worker process: ~10 MB of 512-dimension vectors. */
export const EMBED_CACHE_SIZE = 5000;

/**
 * The extractive engine embeds the same chunks and sentences again and again: every grading round
 * of a task, and every task that retrieves a popular passage. Embedding on the CPU is the largest
 * cost of a step, so vectors are kept by text and only the misses are embedded, in one batch.
 */
export function cachedEmbed(embed: Embed, capacity = EMBED_CACHE_SIZE): Embed {
  const cache = new LruCache<string, number[]>(capacity);
  return async (texts) => {
    const missing = [...new Set(texts.filter((t) => cache.get(t) === undefined))];
    if (missing.length) {
      const vectors = await embed(missing);
      missing.forEach((t, i) => cache.set(t, vectors[i]));
    }
    return texts.map((t) => cache.peek(t) ?? []);
  };
}
