import { plainNode } from '../node-kinds';
import type { RetrievedChunk } from '../types';

/**
 * Searches with the current query (the question on the first round). Relevant chunks from earlier
 * rounds are kept ahead of the new ones, so a rewrite never loses what was already found; `fresh`
 * lists what no earlier round had. Chunk text is cut here, once, to what the state carries.
 */
export const retrieve = plainNode(async (state, { settings, retrieve }) => {
  const query = state.query || state.question;
  const found = await retrieve(query, {
    tenant: settings.tenant,
    knowledgeBase: settings.knowledgeBase,
    limit: settings.topK,
  });
  const kept = state.chunks.filter((c) => state.grades[c.id]?.relevant);
  const seen = new Set(kept.map((c) => c.id));
  const fresh: RetrievedChunk[] = [];
  for (const c of found) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    fresh.push(small(c, settings.chunkTextChars));
  }
  const chunks = [...kept, ...fresh].slice(0, settings.maxChunks);
  const before = new Set(state.seen);
  const ids = found.map((c) => c.id);
  return {
    seen: [...new Set([...state.seen, ...ids])],
    fresh: ids.filter((id) => !before.has(id)),
    ...(state.query ? {} : { query, queries: [query] }),
    chunks,
    grades: Object.fromEntries(
      Object.entries(state.grades).filter(([id]) => chunks.some((c) => c.id === id)),
    ),
    attempts: { ...state.attempts, retrieval: state.attempts.retrieval + 1 },
  };
});

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
