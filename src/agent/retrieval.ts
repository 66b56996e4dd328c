import { capHeadingPath } from '../knowledge/heading-limits';
import type { KnowledgeService } from '../knowledge/knowledge.service';
import type { StoredVectors } from '../knowledge/types';
import { cachedChunkTexts, type ChunkTexts } from './chunk-texts';
import type { RetrievedChunk } from './types';

export interface RetrieveOptions {
  tenant: string;
  knowledgeBase: string;
  limit: number;
}

/**
 * Searches a knowledge base: the one thing the agent asks of the knowledge layer, injected into
 * the graph so nodes hold no client of their own and tests script it.
 */
export type Retrieve = (query: string, options: RetrieveOptions) => Promise<RetrievedChunk[]>;

/** The agent's retrieval over Quarry's knowledge service: the only place the two meet. */
export function knowledgeRetrieval(knowledge: KnowledgeService, texts?: ChunkTexts): Retrieve {
  return async (query, { tenant, knowledgeBase, limit }) => {
    const { hits } = await knowledge.search(tenant, knowledgeBase, { query, limit });
    const chunks = hits.map((h) => ({
      id: h.id,
      text: h.text,
      source: h.source,
      page: h.page,
      // Bounded again for chunks stored before headings were capped at ingestion.
      headingPath: capHeadingPath(h.headingPath),
      score: h.score,
    }));
    // The next steps read these texts back by id: from this worker's cache when they run here.
    texts?.remember(chunks, { tenant, knowledgeBase });
    return chunks;
  };
}

/**
 * Chunk texts by id from the knowledge service (one round trip), behind a per-worker cache. The
 * engine's vectors stored with a chunk come back in the same read and go to `onVectors`, not
 * into the text cache.
 */
export function knowledgeChunkTexts(
  knowledge: KnowledgeService,
  onVectors?: (id: string, stored: StoredVectors | undefined) => void,
) {
  return cachedChunkTexts(async (ids, { tenant, knowledgeBase }) => {
    const bodies = await knowledge.chunkBodies(tenant, knowledgeBase, ids);
    for (const [id, body] of bodies) {
      onVectors?.(id, body.engineVectors);
      delete body.engineVectors;
      body.headingPath = capHeadingPath(body.headingPath);
    }
    return bodies;
  });
}

/** The engine's stored vectors of chunks by id: the same by-id read, for chunks it lacks. */
export function knowledgeStoredVectors(knowledge: KnowledgeService) {
  return async (
    ids: string[],
    { tenant, knowledgeBase }: { tenant: string; knowledgeBase: string },
  ) => {
    const bodies = await knowledge.chunkBodies(tenant, knowledgeBase, ids);
    return new Map([...bodies].map(([id, body]) => [id, body.engineVectors]));
  };
}
