import * as z from 'zod/mini';
import {
  askResultSchema,
  type AskInput,
  type ResearchInput,
  researchResultSchema,
  stepRecordSchema,
  usageSchema,
  waitingForSchema,
} from '../../workflows/contract';
import { TASK_MODES, TASK_STATUSES } from './task-status';

/**
 * What the task routes return, as schemas: the service's types are inferred from them and the
 * OpenAPI spec is generated from them, so the two cannot disagree.
 */

/** A task in a list: what visibility knows without asking the workflow. */
export const taskSummarySchema = z.object({
  id: z.string().check(z.meta({ example: 'task-3f1c…' })),
  status: z.enum(TASK_STATUSES),
  mode: z.enum(TASK_MODES),
  collection: z.string(),
  question: z.string(),
  createdAt: z.iso.datetime(),
  closedAt: z.nullable(z.iso.datetime()),
  /** Wall time so far (running) or in all (closed). */
  durationMs: z.int(),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

/** A task with its timeline, what it waits for, and its result (answer or report). */
export const taskViewSchema = z.extend(taskSummarySchema, {
  /** The task's path: node, start, duration, in order. */
  steps: z.array(stepRecordSchema),
  /** While waiting_for_input: what the task asks (a clarification, or a plan to approve). */
  waitingFor: z.nullable(waitingForSchema),
  /** While a research task runs: its plan and how many sub-questions are answered. */
  partial: z.nullable(
    z
      .object({ plan: z.array(z.string()), done: z.int().check(z.minimum(0)) })
      .check(z.meta({ description: 'research: the plan and how many sub-questions are answered' })),
  ),
  result: z.nullable(
    z
      .union([askResultSchema, researchResultSchema])
      .check(
        z.meta({ description: 'answer mode: the answer with its citations; research: the report' }),
      ),
  ),
  usage: z.nullable(z.extend(usageSchema, { wallMs: z.int() })),
  error: z.nullable(z.string()),
  /** The task this one is a new run of (POST /v1/tasks/:id/retry). */
  retryOf: z.nullable(z.string()),
  /** The OpenTelemetry trace of the task's run, when tracing was on at its start (README, "Traces"). */
  traceId: z.nullable(
    z.string().check(
      z.regex(/^[0-9a-f]{32}$/),
      z.meta({
        description: 'OpenTelemetry trace id of this run (null when tracing was off at its start)',
      }),
    ),
  ),
});
export type TaskView = z.infer<typeof taskViewSchema>;

export const taskListSchema = z.object({
  tasks: z.array(taskSummarySchema),
  nextCursor: z.nullable(z.string()),
});
export type TaskList = z.infer<typeof taskListSchema>;

/** What a task's workflow was started with, kept in its memo so a retry can start it again. */
export interface TaskMemo {
  question: string;
  input: AskInput | ResearchInput;
  retryOf?: string;
  /** The task's trace (set at start when tracing is on). */
  traceId?: string;
}
