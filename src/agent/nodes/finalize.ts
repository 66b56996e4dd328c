import { usesCjk } from '../draft';
import { plainNode } from '../node-kinds';
import type { AgentResult } from '../types';

export function abstentionText(question: string): string {
  const q = question.trim();
  return usesCjk(q)
    ? `知识库中没有找到“${q}”的答案。`
    : `The knowledge base does not contain an answer to "${q}".`;
}

/**
 * The structured result. No supported draft means the knowledge base did not answer: the agent
 * abstains rather than invent. A draft that does not fully answer is returned with what is missing.
 */
export const finalize = plainNode((state) => {
  const abstained = state.draft.trim() === '' || state.citations.length === 0;
  const missing = abstained || state.answered ? [] : state.missing;
  const final: AgentResult = {
    answer: abstained ? abstentionText(state.question) : state.draft,
    citations: abstained ? [] : state.citations,
    abstained,
    attemptsUsed: { ...state.attempts },
    missing,
    usage: { ...state.usage },
    trace: {
      queries: [...state.queries],
      chunks: state.chunks.map((c) => ({
        id: c.id,
        source: c.source,
        page: c.page,
        score: c.score,
        relevant: state.grades[c.id]?.relevant ?? false,
        grade: state.grades[c.id]?.score ?? 0,
      })),
      ...(state.skipped.length ? { skipped: [...state.skipped] } : {}),
    },
  };
  return { abstained, missing, final };
});
