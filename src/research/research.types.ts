import type { AskOptions } from '../../workflows/contract';
import type { Citation, StepRecord, Usage } from '../agent/types';
import type { PreviousRun, SincePrevious } from './whats-new';

export interface ResearchOptions {
  /** Most sub-questions a plan may have (1-20, default 5). */
  maxSubQuestions?: number;
  /** Sub-questions answered at once (1-10, default 3). */
  concurrency?: number;
  /** Wait for the user to approve or edit the plan before answering it. */
  approvePlan?: boolean;
  /** How long a plan waits for approval (1-604800 s, default 86400); then it goes ahead as proposed. */
  approvalTimeoutSeconds?: number;
  /** The caller's own plan: planning is skipped. */
  subQuestions?: string[];
  /** Options for each sub-question's answer. */
  ask?: AskOptions;
}

export interface Finding {
  subQuestion: string;
  answer: string;
  abstained: boolean;
  citations: Citation[];
}

export interface ResearchInput {
  tenant: string;
  collection: string;
  question: string;
  options?: ResearchOptions;
  webhook?: string;
  /** The schedule that started this run: the report then says what is new since its previous run. */
  schedule?: string;
  /** Left in the schedule's input by its previous successful run (absent before the first). */
  previous?: PreviousRun;
  /** Set by continue-as-new: the plan and what is already answered. */
  carried?: { plan: string[]; findings: (Finding | null)[]; steps: StepRecord[]; usage: Usage };
}

export interface ResearchResult {
  /** Markdown: summary, findings per sub-question, references. */
  report: string;
  summary: string;
  findings: Finding[];
  /** Every citation of the report, numbered 1..n as the report's markers. */
  citations: Citation[];
  /** True when no sub-question found an answer. */
  abstained: boolean;
  usage: Usage;
  steps: StepRecord[];
  /** A scheduled run: what it found that the schedule's previous successful run did not. */
  sincePrevious?: SincePrevious;
}

export interface ResearchProgress {
  state: 'planning' | 'waiting_for_input' | 'running' | 'synthesizing' | 'completed';
  plan: string[];
  done: number;
  steps: StepRecord[];
  waitingFor?: { ask: string; plan: string[] };
}

/** The reply to a plan awaiting approval: approve it, reject it, or replace its sub-questions. */
export interface ResearchReply {
  approve?: boolean;
  subQuestions?: string[];
  text?: string;
}
