import type { AskAnswer, AskInput, StepRecord } from '../../workflows/contract';
import type { CarriedCheckpoint } from './checkpoint';

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
  /**
   * The next node is short and calls no chat model with this worker's configuration (a plain
   * node, or one whose role is the extractive engine): the workflow may run it as a local
   * activity. Absent in results recorded before local steps existed.
   */
  nextIsLight?: boolean;
  /**
   * The next node calls a chat model: the start-to-close timeout its activity gets, from this
   * worker's model configuration (QUARRY_AGENT_STEP_TIMEOUT_MS). Absent: the workflow's default.
   */
  nextTimeoutMs?: number;
}

/** What the worker holding the workflow task says before the first step (asked once per ask). */
export interface AgentStepMode {
  /** As `nextIsLight`, for the first node: the workflow may run it as a local activity. */
  firstIsLight: boolean;
}

/** The first step's local call declined to run it (local steps are off on that worker). */
export interface AgentStepDeclined {
  declined: true;
}

/** A step offered as a local call to a worker that runs it as an activity: not run. */
export interface AgentStepDeclined {
  declined: true;
}
