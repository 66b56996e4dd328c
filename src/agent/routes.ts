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
      | 'clarified'
      | 'fresh'
      | 'absentTerms'
      | 'missing'
      | 'question'
      | 'lackedKind'
      | 'freshOnMissing'
      | 'sameDraft'
    >
  >;
type RouteSettings = Pick<AgentSettings, 'budgets' | 'minRelevant' | 'allowClarify'>;

export type AfterRetrieve = 'grade' | 'finalize';
export type AfterGrade = 'generate' | 'rewrite' | 'clarify' | 'finalize';
export type AfterGenerate = 'checkGrounding' | 'finalize';
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

/** How many things the question asks ("A 是什么？B 又是什么？" asks two). */
function partCount(state: RouteState): number {
  return state.question ? questionParts(state.question).length : 1;
}

/** A search again (after the first) that found nothing new: the loop has nothing to work with. */
export function routeAfterRetrieve(state: RouteState): AfterRetrieve {
  const fresh = state.fresh ?? state.chunks.map((c) => c.id);
  return state.attempts.retrieval > 1 && fresh.length === 0 ? 'finalize' : 'grade';
}

/**
 * A specific term of the question that nothing retrieved mentions → finalize (abstain): hybrid
 * search already ranks on the term's exact words, and a second search for the term alone gained no
 * answer on any development set (docs/BENCHMARKS.md, "Answers: fifth round"), so the loop does not
 * spend steps on it; except once for a question of several parts, searching the part that names
 * it. After a rewrite, generate again only if new relevant chunks came that mention something the
 * answer lacked. Otherwise:
 * enough relevant → generate; nothing relevant after the first search → ask the user, when
 * allowed; some but fewer than wanted → search again while budget lasts.
 */
export function routeAfterGrade(state: RouteState, settings: RouteSettings): AfterGrade {
  if (state.absentTerms?.length) {
    // One search for a question that asks two things may rank only one part's passages: a term
    // of the other part is looked for once, with that part as the query.
    const first = state.attempts.retrieval === 1;
    return partCount(state) > 1 && first && retrievalsLeft(state, settings)
      ? 'rewrite'
      : 'finalize';
  }
  const relevant = relevantCount(state);
  if (state.draft.trim() !== '') {
    const fresh = new Set(state.fresh ?? []);
    const newRelevant = state.chunks.some((c) => fresh.has(c.id) && state.grades[c.id]?.relevant);
    // New passages that mention nothing the answer lacked would draft the same answer again (on
    // the development sets, 16 of the 28 searches again did before this rule).
    const bearing = newRelevant && state.freshOnMissing !== false;
    return bearing && generationsLeft(state, settings) ? 'generate' : 'finalize';
  }
  if (relevant >= settings.minRelevant)
    return generationsLeft(state, settings) ? 'generate' : 'finalize';
  if (relevant === 0 && settings.allowClarify && !state.clarified && state.attempts.retrieval === 1)
    return 'clarify';
  if (relevant > 0 && retrievalsLeft(state, settings)) return 'rewrite';
  return relevant > 0 ? 'generate' : 'finalize';
}

/**
 * The same answer drafted again from more evidence → finalize: its grounding and answer check
 * stand (on the development sets, 12 of the 22 redrafts were the very same answer).
 */
export function routeAfterGenerate(state: RouteState): AfterGenerate {
  return state.sameDraft ? 'finalize' : 'checkGrounding';
}

/** A supported draft → check it answers; nothing supported → finalize (the same evidence again would say the same). */
export function routeAfterGrounding(state: RouteState): AfterGrounding {
  return state.draft.trim() !== '' ? 'checkAnswer' : 'finalize';
}

/**
 * Answered → finalize; no number or year in an answer to a question asking for one → finalize,
 * which abstains (a search for the quantity gained no answer on any development set); a part of a
 * several-part question left unanswered → search for that part while budget lasts, once per part
 * beyond the first. A one-part question is not searched again: the first search was already for
 * exactly what it asks (measured on the development set, a second search for it changed answers for
 * the worse as often as for the better), and a second search for the same lack finds what the
 * first did.
 */
export function routeAfterAnswerCheck(
  state: RouteState,
  settings: RouteSettings,
): AfterAnswerCheck {
  if (state.answered || !(state.missing ?? []).length) return 'finalize';
  if (state.lackedKind) return 'finalize';
  const searchesAfterFirst = state.attempts.retrieval - 1;
  return retrievalsLeft(state, settings) && searchesAfterFirst < partCount(state) - 1
    ? 'rewrite'
    : 'finalize';
}
