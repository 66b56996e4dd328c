import type { CarriedCheckpoint } from './checkpoint';
import type { AgentResult, StepRecord } from './types';

export type { StepRecord } from './types';

export interface AskInput {
  tenant: string;
  collection: string;
  question: string;
  options?: AskOptions;
  /** Told the outcome when the task ends (signed POST, see src/webhooks). */
  webhook?: string;
}

export interface AskOptions {
  maxRetrievals?: number;
  maxGenerations?: number;
  topK?: number;
  /** Let the agent ask the user a clarifying question when the first search finds nothing. */
  allowClarify?: boolean;
  /** How long to wait for the reply before going on without it (default one day). */
  clarifyTimeoutSeconds?: number;
}

/** The reply a waiting task receives (the `input` signal, POST /v1/tasks/:id/input). */
export interface AskReply {
  text: string;
}

/** The agent's structured answer (see src/agent/types.ts). */
export type AskAnswer = AgentResult;

export interface AskResult extends AskAnswer {
  /** The agent's path: one record per node run, in order. */
  steps: StepRecord[];
}

/** One activity call: run the next node from the carried checkpoint (or start from `input`). */
export interface AgentStepRequest {
  node: string;
  input: AskInput;
  checkpoint: CarriedCheckpoint | null;
  /** The user's reply, resuming the node that asked (clarify). */
  resume?: string;
}

export interface AgentStepResult {
  checkpoint: CarriedCheckpoint;
  next: string[];
  step: StepRecord;
  /** Set when the graph reached END. */
  answer?: AskAnswer;
  /** Set when a node is waiting for the user: what it asks. */
  waitingFor?: { ask: string };
}
