import { LruCache } from '../knowledge/embeddings/lru-cache';
import type { RetrievedChunk } from './types';

/** What a chunk says: the part of a retrieved chunk the carried checkpoint leaves out. */
export interface ChunkBody {
  text: string;
  headingPath: string[];
}

export interface ChunkPlace {
  tenant: string;
  knowledgeBase: string;
}

/**
 * Reads chunk bodies by id: the one interface through which a step gets back the texts its
 * checkpoint no longer carries. Ids no longer stored are absent from the answer.
 */
export interface ChunkTexts {
  read(ids: string[], place: ChunkPlace): Promise<Map<string, ChunkBody>>;
  /** Bodies the step already holds (a search's hits), so the next step need not fetch them. */
  remember(chunks: readonly RetrievedChunk[], place: ChunkPlace): void;
}

/** Chunks a worker remembers: at most ~1.2 KB of text each, so a few MB. */
export const CHUNK_CACHE_SIZE = 4000;
/**
 * How long a remembered body is trusted. Chunk ids are content hashes, so a body never goes
 * stale; this bounds how long a worker keeps quoting a chunk whose document was deleted.
 */
export const CHUNK_CACHE_TTL_MS = 60_000;

type Fetch = (ids: string[], place: ChunkPlace) => Promise<Map<string, ChunkBody>>;

/**
 * A bounded per-worker cache in front of the store's batched fetch: hits cost nothing, the
 * misses of a step are fetched in one round trip.
 */
export function cachedChunkTexts(
  fetch: Fetch,
  { capacity = CHUNK_CACHE_SIZE, ttlMs = CHUNK_CACHE_TTL_MS, now = () => Date.now() } = {},
): ChunkTexts & { stats: { hits: number; fetched: number; roundTrips: number } } {
  const cache = new LruCache<string, ChunkBody & { at: number }>(capacity);
  const key = (id: string, { tenant, knowledgeBase }: ChunkPlace) =>
    JSON.stringify([tenant, knowledgeBase, id]);
  const stats = { hits: 0, fetched: 0, roundTrips: 0 };
  return {
    stats,
    remember(chunks, place) {
      const at = now();
      for (const c of chunks)
        cache.set(key(c.id, place), { text: c.text, headingPath: c.headingPath, at });
    },
    async read(ids, place) {
      const out = new Map<string, ChunkBody>();
      const misses: string[] = [];
      for (const id of new Set(ids)) {
        const hit = cache.get(key(id, place));
        if (hit && now() - hit.at <= ttlMs) {
          out.set(id, { text: hit.text, headingPath: hit.headingPath });
          stats.hits++;
        } else misses.push(id);
      }
      if (misses.length === 0) return out;
      stats.roundTrips++;
      const fetched = await fetch(misses, place);
      const at = now();
      for (const [id, body] of fetched) {
        out.set(id, body);
        cache.set(key(id, place), { ...body, at });
        stats.fetched++;
      }
      return out;
    },
  };
}
