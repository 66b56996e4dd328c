import * as z from 'zod/mini';
import { stepRecordSchema } from './results';

/** What a running task reports through the `progress` query. */

/** What a waiting task asks: a clarifying question, or a research plan to approve or edit. */
export const waitingForSchema = z.object({
  ask: z.string(),
  plan: z.optional(z.array(z.string())),
});
export type WaitingFor = z.infer<typeof waitingForSchema>;

export const askProgressSchema = z.object({
  state: z.enum(['running', 'waiting_for_input', 'completed']),
  steps: z.array(stepRecordSchema),
  /** The nodes the agent runs next. */
  next: z.array(z.string()),
  waitingFor: z.optional(waitingForSchema),
});
export type AskProgress = z.infer<typeof askProgressSchema>;

export const researchProgressSchema = z.object({
  state: z.enum(['planning', 'waiting_for_input', 'running', 'synthesizing', 'completed']),
  plan: z.array(z.string()),
  /** Sub-questions answered so far. */
  done: z.int().check(z.minimum(0)),
  steps: z.array(stepRecordSchema),
  waitingFor: z.optional(waitingForSchema),
});
export type ResearchProgress = z.infer<typeof researchProgressSchema>;

export type TaskProgress = AskProgress | ResearchProgress;
