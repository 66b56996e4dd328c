import type { AgentSettings } from './configuration';
import type { AgentStateValue } from './state';

/**
 * Pure routers: the self-correction loop is bounded here, by the attempt counters in the state
 * checked against the run's budgets, not by LangGraph's recursion limit.
 */
type RouteState = Pick<AgentStateValue, 'chunks' | 'grades' | 'attempts' | 'draft' | 'answered'> &
  Partial<Pick<AgentStateValue, 'clarified'>>;
type RouteSettings = Pick<AgentSettings, 'budgets' | 'minRelevant' | 'allowClarify'>;

export type AfterGrade = 'generate' | 'rewrite' | 'clarify' | 'finalize';
export type AfterGrounding = 'checkAnswer' | 'generate' | 'finalize';
export type AfterAnswerCheck = 'finalize' | 'rewrite';

function relevantCount(state: RouteState): number {
  return state.chunks.filter((c) => state.grades[c.id]?.relevant).length;
}

function retrievalsLeft(state: RouteState, { budgets }: RouteSettings): boolean {
  return state.attempts.retrieval < budgets.maxRetrievals;
}

/**
 * Enough relevant → generate. Nothing relevant after the first search → ask the user, when the
 * caller allowed it and it was not asked yet. Otherwise search again while budget lasts, then use
 * what there is.
 */
export function routeAfterGrade(state: RouteState, settings: RouteSettings): AfterGrade {
  const relevant = relevantCount(state);
  if (relevant >= settings.minRelevant) return 'generate';
  if (relevant === 0 && settings.allowClarify && !state.clarified && state.attempts.retrieval === 1)
    return 'clarify';
  if (retrievalsLeft(state, settings)) return 'rewrite';
  return relevant > 0 ? 'generate' : 'finalize';
}

/** A supported draft → check it answers; nothing supported → regenerate while budget lasts. */
export function routeAfterGrounding(state: RouteState, { budgets }: RouteSettings): AfterGrounding {
  if (state.draft.trim() !== '') return 'checkAnswer';
  return state.attempts.generation < budgets.maxGenerations ? 'generate' : 'finalize';
}

/** Answered → finalize; otherwise search again while budget lasts, then finalize with `missing`. */
export function routeAfterAnswerCheck(
  state: RouteState,
  settings: RouteSettings,
): AfterAnswerCheck {
  if (state.answered) return 'finalize';
  return retrievalsLeft(state, settings) ? 'rewrite' : 'finalize';
}
