import { capHeadingPath } from '../knowledge/heading-limits';
import type { KnowledgeService } from '../knowledge/knowledge.service';
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
export function knowledgeRetrieval(knowledge: KnowledgeService): Retrieve {
  return async (query, { tenant, knowledgeBase, limit }) => {
    const { hits } = await knowledge.search(tenant, knowledgeBase, { query, limit });
    return hits.map((h) => ({
      id: h.id,
      text: h.text,
      source: h.source,
      page: h.page,
      // Bounded again for chunks stored before headings were capped at ingestion.
      headingPath: capHeadingPath(h.headingPath),
      score: h.score,
    }));
  };
}
