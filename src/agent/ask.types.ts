import type { CarriedCheckpoint } from './checkpoint';
import type { AgentResult, StepRecord } from './types';

export type { StepRecord } from './types';

export interface AskInput {
  tenant: string;
  collection: string;
  question: string;
  options?: { maxRetrievals?: number; maxGenerations?: number; topK?: number };
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
}

export interface AgentStepResult {
  checkpoint: CarriedCheckpoint;
  next: string[];
  step: StepRecord;
  /** Set when the graph reached END. */
  answer?: AskAnswer;
}
