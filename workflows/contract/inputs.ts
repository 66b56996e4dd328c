import * as z from 'zod/mini';
import {
  askOptionFields,
  knowledgeBaseField,
  planField,
  questionField,
  researchOptionFields,
  webhookField,
} from './fields';
import { LIMITS } from './limits';
import type { Finding, StepRecord, Usage } from './results';

/**
 * What the task workflows are started with, and the reply their update takes. Unknown fields are
 * not refused: a workflow only validates its input, never rewrites it, so a history replays with
 * the input it recorded. (The API's request bodies, built from the same fields, are strict.)
 */

const taskFields = {
  tenant: z.string(),
  collection: knowledgeBaseField(),
  question: questionField(),
  /** Told the outcome when the task ends (signed POST, see src/webhooks). */
  webhook: z.optional(webhookField()),
};

export const askOptionsSchema = z.object(askOptionFields);
export type AskOptions = z.infer<typeof askOptionsSchema>;

export const askInputSchema = z.object({ ...taskFields, options: z.optional(askOptionsSchema) });
export type AskInput = z.infer<typeof askInputSchema>;

/** Set by continue-as-new: the plan and what is already answered. Written by the workflow only. */
export interface ResearchCarried {
  plan: string[];
  findings: (Finding | null)[];
  steps: StepRecord[];
  usage: Usage;
}

export const researchOptionsSchema = z.object({
  ...researchOptionFields,
  /**
   * Options for each sub-question's answer, checked by each child: bad ones leave a gap in the
   * report, not a failed research task.
   */
  ask: z.optional(z.custom<AskOptions>()),
});
export type ResearchOptions = z.infer<typeof researchOptionsSchema>;

/** What a scheduled research run needs to know about the schedule's previous successful run. */
export interface PreviousRun {
  taskId: string;
  finishedAt: string;
  /** Keys of the passages it cited (see passageKey): small, whatever the report's size. */
  passages: string[];
  /** Sub-questions it found an answer to. */
  answered: string[];
}

export const researchInputSchema = z.object({
  ...taskFields,
  options: z.optional(researchOptionsSchema),
  /** The schedule that started this run: the report then says what is new since its last one. */
  schedule: z.optional(z.string()),
  /** Left in the schedule's input by its previous successful run. Written by Quarry only. */
  previous: z.optional(z.custom<PreviousRun>()),
  carried: z.optional(z.custom<ResearchCarried>()),
});
export type ResearchInput = z.infer<typeof researchInputSchema>;

/**
 * A reply to a waiting task: the answer to a clarifying question (`text`), or a verdict on a
 * research plan (approve it, reject it, or replace its sub-questions).
 */
export const taskReplyFields = {
  text: z.optional(
    z
      .string()
      .check(
        z.maxLength(LIMITS.replyChars, { error: `is over ${LIMITS.replyChars} characters` }),
        z.meta({ description: 'The reply to a clarifying question' }),
      ),
  ),
  approve: z.optional(
    z
      .boolean({ error: 'must be true or false' })
      .check(z.meta({ description: 'Research plan: false rejects it and ends the task' })),
  ),
  subQuestions: z.optional(planField('Research plan: the edited sub-questions')),
};
export const taskReplySchema = z.object(taskReplyFields);
export type TaskReply = z.infer<typeof taskReplySchema>;
