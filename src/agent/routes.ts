import type { AgentSettings } from './configuration';
import { questionParts } from './extractive/question';
import type { AgentStateValue } from './state';

/**
 * Pure routers: the self-correction loop is bounded here, by the attempt counters in the state
 * checked against the run's budgets, not by LangGraph's recursion limit. The loop only spends a
 * step where it can gain: a rewrite targets what the answer check found missing, a round that
 * retrieves nothing new ends the loop, and the agent generates again only when new evidence came.
 */
type RouteState = Pick<AgentStateValue, 'chunks' | 'grades' | 'attempts' | 'draft' | 'answered'> &
  Partial<
    Pick<
      AgentStateValue,
      'clarified' | 'fresh' | 'absentTerms' | 'topicHeld' | 'missing' | 'question' | 'lackedKind'
    >
  >;
type RouteSettings = Pick<AgentSettings, 'budgets' | 'minRelevant' | 'allowClarify'>;

export type AfterRetrieve = 'grade' | 'finalize';
export type AfterGrade = 'generate' | 'rewrite' | 'clarify' | 'finalize';
export type AfterGrounding = 'checkAnswer' | 'finalize';
export type AfterAnswerCheck = 'finalize' | 'rewrite';

function relevantCount(state: RouteState): number {
  return state.chunks.filter((c) => state.grades[c.id]?.relevant).length;
}

function retrievalsLeft(state: RouteState, { budgets }: RouteSettings): boolean {
  return state.attempts.retrieval < budgets.maxRetrievals;
}

function generationsLeft(state: RouteState, { budgets }: RouteSettings): boolean {
  return state.attempts.generation < budgets.maxGenerations;
}

/** A search again (after the first) that found nothing new: the loop has nothing to work with. */
export function routeAfterRetrieve(state: RouteState): AfterRetrieve {
  const fresh = state.fresh ?? state.chunks.map((c) => c.id);
  return state.attempts.retrieval > 1 && fresh.length === 0 ? 'finalize' : 'grade';
}

/**
 * A specific term of the question that nothing retrieved mentions → one search for exactly those
 * terms (the first search ranked passages on the whole question, and may have left out the one
 * that names the term); still absent after it, or no budget for it, or the first search already
 * found passages about the rest of the question that leave the term out (the search for the term
 * alone could only bring it from somewhere else) → finalize (abstain). After a
 * rewrite, generate again only if new relevant chunks came. Otherwise: enough relevant → generate;
 * nothing relevant after the first search → ask the user, when allowed; some but fewer than
 * wanted → search again while budget lasts.
 */
export function routeAfterGrade(state: RouteState, settings: RouteSettings): AfterGrade {
  if (state.absentTerms?.length)
    return state.attempts.retrieval === 1 && !state.topicHeld && retrievalsLeft(state, settings)
      ? 'rewrite'
      : 'finalize';
  const relevant = relevantCount(state);
  if (state.draft.trim() !== '') {
    const fresh = new Set(state.fresh ?? []);
    const newRelevant = state.chunks.some((c) => fresh.has(c.id) && state.grades[c.id]?.relevant);
    return newRelevant && generationsLeft(state, settings) ? 'generate' : 'finalize';
  }
  if (relevant >= settings.minRelevant)
    return generationsLeft(state, settings) ? 'generate' : 'finalize';
  if (relevant === 0 && settings.allowClarify && !state.clarified && state.attempts.retrieval === 1)
    return 'clarify';
  if (relevant > 0 && retrievalsLeft(state, settings)) return 'rewrite';
  return relevant > 0 ? 'generate' : 'finalize';
}

/** A supported draft → check it answers; nothing supported → finalize (the same evidence again would say the same). */
export function routeAfterGrounding(state: RouteState): AfterGrounding {
  return state.draft.trim() !== '' ? 'checkAnswer' : 'finalize';
}

/**
 * Answered → finalize; no number or year in an answer to a question asking for one → one search
 * for it (the specific terms and the quantity), then finalize, which abstains if it is still
 * missing; a part of a several-part question left unanswered → search for that part
 * while budget lasts, once per part beyond the first. A one-part question is not searched again:
 * the first search was already for exactly what it asks (measured on the development set, a second
 * search for it changed answers for the worse as often as for the better), and a second search for
 * the same lack finds what the first did.
 */
export function routeAfterAnswerCheck(
  state: RouteState,
  settings: RouteSettings,
): AfterAnswerCheck {
  if (state.answered || !(state.missing ?? []).length) return 'finalize';
  // The answer lacks the number or year asked for: one search for exactly that, then abstain.
  if (state.lackedKind)
    return state.attempts.retrieval === 1 && retrievalsLeft(state, settings)
      ? 'rewrite'
      : 'finalize';
  const parts = state.question ? questionParts(state.question).length : 1;
  const searchesAfterFirst = state.attempts.retrieval - 1;
  return retrievalsLeft(state, settings) && searchesAfterFirst < parts - 1 ? 'rewrite' : 'finalize';
}
