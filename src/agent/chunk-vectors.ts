import { LruCache } from '../knowledge/embeddings/lru-cache';
import type { StoredVectors } from '../knowledge/types';
import type { ChunkPlace } from './chunk-texts';
import { asStored, textKey, unpackEngineVectors } from './extractive/engine-vectors';
import type { Embed } from './extractive/options';

/** A text of one retrieved chunk (its grading text or one of its units). */
export interface ChunkTextRef {
  chunkId: string;
  text: string;
}

/** Vectors of chunks' texts, as the extractive engine asks for them. */
export interface EngineVectors {
  of(items: readonly ChunkTextRef[]): Promise<ArrayLike<number>[]>;
}

interface Entry {
  stored: Map<number, Float32Array>;
  /** Texts the stored vectors lacked (chunks ingested before them), embedded here. */
  computed: Map<string, Float32Array>;
}

/** Chunks remembered per worker: ~10 vectors of 2 KB each, so ~20 MB at most. */
export const CHUNK_VECTORS_CAPACITY = 1000;

/** Stored at ingestion, computed here earlier (kept with the chunk), or computed by this call. */
export type VectorSource = 'stored' | 'cached' | 'computed';

type FetchStored = (
  ids: string[],
  place: ChunkPlace,
) => Promise<Map<string, StoredVectors | undefined>>;

export interface ChunkVectorsDeps {
  embed: Embed;
  /** The model the engine embeds with: stored vectors of another model are not used. */
  modelId: () => string;
  /** The stored vectors of these chunks, in one round trip (the claim check's by-id read). */
  fetchStored: FetchStored;
  capacity?: number;
  /** Told how many vectors each call took from storage and how many it embedded. */
  count?: (source: VectorSource, n: number) => void;
}

/**
 * The engine's vectors per chunk, kept by chunk id (a hash of the knowledge base, source,
 * position and content, so an entry never goes stale): vectors stored at ingestion first, read
 * back with the chunk; what they lack is embedded in one batch and kept with the chunk.
 */
export function chunkVectors({
  embed,
  modelId,
  fetchStored,
  capacity = CHUNK_VECTORS_CAPACITY,
  count,
}: ChunkVectorsDeps) {
  const cache = new LruCache<string, Entry>(capacity);
  const stats: Record<VectorSource | 'fetches', number> = {
    stored: 0,
    cached: 0,
    computed: 0,
    fetches: 0,
  };
  const tally = (source: VectorSource, n: number) => {
    stats[source] += n;
    if (n) count?.(source, n);
  };
  const remember = (id: string, stored: StoredVectors | undefined) => {
    if (cache.peek(id)) return;
    cache.set(id, { stored: unpackEngineVectors(stored, modelId()), computed: new Map() });
  };
  const at = (place: ChunkPlace): EngineVectors => ({
    async of(items) {
      const unknown = [...new Set(items.map((i) => i.chunkId))].filter((id) => !cache.peek(id));
      if (unknown.length) {
        stats.fetches++;
        const fetched = await fetchStored(unknown, place);
        for (const id of unknown) remember(id, fetched.get(id));
      }
      let stored = 0;
      let cached = 0;
      const out: (Float32Array | undefined)[] = items.map((item) => {
        const entry = cache.get(item.chunkId);
        const fromStore = entry?.stored.get(textKey(item.text));
        if (fromStore) stored++;
        const v = fromStore ?? entry?.computed.get(item.text);
        if (v && !fromStore) cached++;
        return v;
      });
      tally('stored', stored);
      tally('cached', cached);
      const missing = [...new Set(items.filter((_, i) => !out[i]).map((i) => i.text))];
      if (missing.length) {
        const vectors = await embed(missing);
        const byText = new Map(missing.map((t, i) => [t, asStored(vectors[i])]));
        tally('computed', missing.length);
        items.forEach((item, i) => {
          if (out[i]) return;
          const v = byText.get(item.text) as Float32Array;
          out[i] = v;
          let entry = cache.get(item.chunkId);
          if (!entry) cache.set(item.chunkId, (entry = { stored: new Map(), computed: new Map() }));
          entry.computed.set(item.text, v);
        });
      }
      return out as Float32Array[];
    },
  });
  return { remember, at, stats };
}

export type ChunkVectors = ReturnType<typeof chunkVectors>;
