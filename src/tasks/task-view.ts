import type { AskResult, StepRecord } from '../../workflows/contract';
import type { Usage } from '../agent/types';
import type { SincePrevious } from '../../workflows/contract';
import type { TaskMode, TaskStatus } from './task-status';

/** A research task's final result, as researchWorkflow returns it. */
export interface ResearchResultView {
  report: string;
  summary: string;
  findings: { subQuestion: string; answer: string; abstained: boolean }[];
  citations: AskResult['citations'];
  abstained: boolean;
  usage: Usage;
  steps: StepRecord[];
  /** A scheduled run: what is new since the schedule's previous successful run. */
  sincePrevious?: SincePrevious;
}

/** What the running workflow reports through its `progress` query (ask and research alike). */
export interface WorkflowProgress {
  state: string;
  steps: StepRecord[];
  waitingFor?: { ask: string; plan?: string[] };
  plan?: string[];
  done?: number;
}

export interface TaskSummary {
  id: string;
  status: TaskStatus;
  mode: TaskMode;
  collection: string;
  question: string;
  createdAt: string;
  closedAt: string | null;
  /** Wall time so far (running) or in all (closed). */
  durationMs: number;
}

export interface TaskView extends TaskSummary {
  /** The agent's path: node, start, duration, in order. */
  steps: StepRecord[];
  /** While waiting_for_input: what the task asks (a clarification, or a plan to approve). */
  waitingFor: { ask: string; plan?: string[] } | null;
  /** While a research task runs: its plan and how many sub-questions are answered. */
  partial: { plan: string[]; done: number } | null;
  result: AskResult | ResearchResultView | null;
  usage: (Usage & { wallMs: number }) | null;
  error: string | null;
  /** The task this one is a new run of (POST /v1/tasks/:id/retry). */
  retryOf: string | null;
}

/** What a task's workflow was started with, kept in its memo so a retry can start it again. */
export interface TaskMemo {
  question: string;
  input: Record<string, unknown>;
  retryOf?: string;
}
