import { Annotation } from '@langchain/langgraph';
import {
  addUsage,
  ZERO_USAGE,
  type AgentResult,
  type Attempts,
  type Citation,
  type Grades,
  type GroundedSentence,
  type RetrievedChunk,
  type SkippedChunk,
  type Usage,
} from './types';

/** Last write wins; the default applies until a node writes. */
function value<T>(initial: () => T) {
  return Annotation<T>({ reducer: (_, next) => next, default: initial });
}

/**
 * The agent's state: only what changes from step to step. What is fixed for a run (tenant,
 * knowledge base, top-k, budgets, clarify) is LangGraph configuration (see ./configuration).
 * Everything is plain JSON (it travels in the checkpoint through Temporal); chunk texts are cut to
 * `chunkTextChars` and left out of the carried checkpoint altogether (./claim-check).
 *
 * Checkpoints carried before this shape also hold `collection`, `tenant`, `budgets`,
 * `allowClarify` and `steps`: LangGraph ignores channels the graph does not declare, and the step
 * rebuilds those settings from the task's input, so such a task finishes as it would have.
 */
export const AgentState = Annotation.Root({
  /** The user's question; a reply to a clarifying question is added to it. */
  question: value<string>(() => ''),
  /** The query of the current retrieval round; empty until the first retrieval. */
  query: value<string>(() => ''),
  /** Every query used, in order. */
  queries: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  /** Carried as references (./claim-check): a step reads the texts back by id. */
  chunks: value<RetrievedChunk[]>(() => []),
  /** Chunks dropped because they were no longer stored when a step read them back. */
  skipped: Annotation<SkippedChunk[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  /** Ids of every chunk any round retrieved: a round that brings none new ends the loop. */
  seen: value<string[]>(() => []),
  /** Ids of the chunks the last round retrieved that no earlier round had. */
  fresh: value<string[]>(() => []),
  /**
   * After a search again: whether a relevant chunk it brought mentions a word the answer check
   * found missing. New chunks that mention none of them would draft the same answer again.
   */
  freshOnMissing: value<boolean>(() => true),
  /**
   * A generation after the first that drafted the very answer already checked: its grounding and
   * answer check stand, and checking it again would say the same.
   */
  sameDraft: value<boolean>(() => false),
  /** The question's specific terms (names, identifiers, numbers) that no chunk held mentions. */
  absentTerms: value<string[]>(() => []),
  /**
   * No longer written (the term search it gated is gone); kept so that checkpoints carried by asks
   * started before keep restoring into the same channels.
   */
  topicHeld: value<boolean>(() => false),
  grades: value<Grades>(() => ({})),
  /** Answer text with inline `[n]` markers. */
  draft: value<string>(() => ''),
  citations: value<Citation[]>(() => []),
  /** Counted against the run's budgets by the routers. */
  attempts: value<Attempts>(() => ({ retrieval: 0, generation: 0 })),
  clarified: value<boolean>(() => false),
  grounding: value<GroundedSentence[]>(() => []),
  answered: value<boolean>(() => false),
  abstained: value<boolean>(() => false),
  missing: value<string[]>(() => []),
  /** The kind of thing the question asks for (a number, a year) that the answer lacks; '' if none. */
  lackedKind: value<string>(() => ''),
  final: value<AgentResult | null>(() => null),
  usage: Annotation<Usage>({ reducer: addUsage, default: () => ({ ...ZERO_USAGE }) }),
});

export type AgentStateValue = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
