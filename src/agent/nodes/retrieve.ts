import type { RetrievedChunk } from '../types';
import { timed, type AgentNode, type NodeDeps } from './deps';

/**
 * Searches with the current query (the question on the first round). Relevant chunks from earlier
 * rounds are kept ahead of the new ones, so a rewrite never loses what was already found.
 */
export function retrieveNode({ retrieve, config }: NodeDeps): AgentNode {
  return timed('retrieve', async (state) => {
    const query = state.query || state.question;
    const found = await retrieve(query, {
      collection: state.collection,
      ...(state.tenant ? { tenant: state.tenant } : {}),
      limit: config.retrieveLimit,
    });
    const kept = state.chunks.filter((c) => state.grades[c.id]?.relevant);
    const seen = new Set(kept.map((c) => c.id));
    const fresh: RetrievedChunk[] = [];
    for (const c of found) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      fresh.push(small(c, config.chunkTextChars));
    }
    const chunks = [...kept, ...fresh].slice(0, config.maxChunks);
    return {
      ...(state.query ? {} : { query, queries: [query] }),
      chunks,
      grades: Object.fromEntries(
        Object.entries(state.grades).filter(([id]) => chunks.some((c) => c.id === id)),
      ),
      attempts: { ...state.attempts, retrieval: state.attempts.retrieval + 1 },
    };
  });
}

function small(chunk: RetrievedChunk, chars: number): RetrievedChunk {
  return {
    id: chunk.id,
    text: chunk.text.length > chars ? chunk.text.slice(0, chars) : chunk.text,
    source: chunk.source,
    page: chunk.page,
    headingPath: [...chunk.headingPath],
    score: chunk.score,
  };
}
