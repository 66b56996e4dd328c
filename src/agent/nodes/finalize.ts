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
 * The structured result. No supported draft, a specific term of the question (a name, an
 * identifier, a number) that nothing retrieved mentions, or an answer without the number or year
 * the question asks for, means the knowledge base did not answer:
 * the agent abstains rather than invent, and `missing` names those terms. A draft that does not
 * fully answer is returned with what is missing.
 */
export const finalize = plainNode((state) => {
  const lacking = state.lackedKind !== '';
  const abstained =
    state.absentTerms.length > 0 ||
    lacking ||
    state.draft.trim() === '' ||
    state.citations.length === 0;
  // An abstention names the specific terms nothing mentions, or the quantity no passage gave; a
  // partial answer what it lacks.
  const missing = state.absentTerms.length
    ? [...state.absentTerms]
    : lacking
      ? state.missing
      : abstained || state.answered
        ? []
        : state.missing;
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
