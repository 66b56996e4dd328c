import { DEFAULT_AGENT_CONFIG, type AgentConfig } from './configuration';
import type { AgentStateValue } from './state';

/**
 * Pure routers: the self-correction loop is bounded here, by the attempt counters in the state,
 * not by LangGraph's recursion limit.
 */
type RouteState = Pick<
  AgentStateValue,
  'chunks' | 'grades' | 'attempts' | 'budgets' | 'draft' | 'answered'
> &
  Partial<Pick<AgentStateValue, 'allowClarify' | 'clarified'>>;

export type AfterGrade = 'generate' | 'rewrite' | 'clarify' | 'finalize';
export type AfterGrounding = 'checkAnswer' | 'generate' | 'finalize';
export type AfterAnswerCheck = 'finalize' | 'rewrite';

function relevantCount(state: RouteState): number {
  return state.chunks.filter((c) => state.grades[c.id]?.relevant).length;
}

function retrievalsLeft(state: RouteState): boolean {
  return state.attempts.retrieval < state.budgets.maxRetrievals;
}

/**
 * Enough relevant → generate. Nothing relevant after the first search → ask the user, when the
 * caller allowed it and it was not asked yet. Otherwise search again while budget lasts, then use
 * what there is.
 */
export function routeAfterGrade(
  state: RouteState,
  config: Pick<AgentConfig, 'minRelevant'> = DEFAULT_AGENT_CONFIG,
): AfterGrade {
  const relevant = relevantCount(state);
  if (relevant >= config.minRelevant) return 'generate';
  if (relevant === 0 && state.allowClarify && !state.clarified && state.attempts.retrieval === 1)
    return 'clarify';
  if (retrievalsLeft(state)) return 'rewrite';
  return relevant > 0 ? 'generate' : 'finalize';
}

/** A supported draft → check it answers; nothing supported → regenerate while budget lasts. */
export function routeAfterGrounding(state: RouteState): AfterGrounding {
  if (state.draft.trim() !== '') return 'checkAnswer';
  return state.attempts.generation < state.budgets.maxGenerations ? 'generate' : 'finalize';
}

/** Answered → finalize; otherwise search again while budget lasts, then finalize with `missing`. */
export function routeAfterAnswerCheck(state: RouteState): AfterAnswerCheck {
  if (state.answered) return 'finalize';
  return retrievalsLeft(state) ? 'rewrite' : 'finalize';
}
