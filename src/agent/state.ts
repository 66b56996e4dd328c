import { Annotation } from '@langchain/langgraph';
import { DEFAULT_BUDGETS } from './configuration';
import {
  addUsage,
  ZERO_USAGE,
  type AgentResult,
  type Attempts,
  type Budgets,
  type Citation,
  type Grades,
  type GroundedSentence,
  type RetrievedChunk,
  type StepRecord,
  type Usage,
} from './types';

/** Last write wins; the default applies until a node writes. */
function value<T>(initial: () => T) {
  return Annotation<T>({ reducer: (_, next) => next, default: initial });
}

/**
 * The agent's state. Everything is plain JSON (it travels in the checkpoint through Temporal),
 * and chunk texts are truncated so a checkpoint stays far below Temporal's payload limits.
 */
export const AgentState = Annotation.Root({
  question: value<string>(() => ''),
  collection: value<string>(() => ''),
  tenant: value<string | undefined>(() => undefined),
  /** The query of the current retrieval round; empty until the first retrieval. */
  query: value<string>(() => ''),
  /** Every query used, in order. */
  queries: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  chunks: value<RetrievedChunk[]>(() => []),
  grades: value<Grades>(() => ({})),
  /** Answer text with inline `[n]` markers. */
  draft: value<string>(() => ''),
  citations: value<Citation[]>(() => []),
  attempts: value<Attempts>(() => ({ retrieval: 0, generation: 0 })),
  budgets: value<Budgets>(() => ({ ...DEFAULT_BUDGETS })),
  /** The caller lets the agent ask the user a clarifying question (once). */
  allowClarify: value<boolean>(() => false),
  clarified: value<boolean>(() => false),
  grounding: value<GroundedSentence[]>(() => []),
  answered: value<boolean>(() => false),
  abstained: value<boolean>(() => false),
  missing: value<string[]>(() => []),
  final: value<AgentResult | null>(() => null),
  steps: Annotation<StepRecord[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  usage: Annotation<Usage>({ reducer: addUsage, default: () => ({ ...ZERO_USAGE }) }),
});

export type AgentStateValue = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;

/** What a caller passes to start a run. */
export interface AgentInput {
  question: string;
  collection: string;
  tenant?: string;
  budgets?: Partial<Budgets>;
  allowClarify?: boolean;
}
