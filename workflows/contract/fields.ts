import * as z from 'zod/mini';
import {
  KNOWLEDGE_BASE_NAME_PATTERN,
  KNOWLEDGE_BASE_NAME_RULE,
  LIMITS,
  type Bounds,
} from './limits';

/**
 * The fields tasks are made of, each with its rule from LIMITS and the words that say what is
 * wrong (a workflow reports `options.topK must be 1-50`). The API builds its request bodies from
 * the same fields, so a rule and its documented bounds cannot drift apart.
 */

const meta = (description: string, extra: Record<string, unknown> = {}) =>
  z.meta({ description, ...extra });

/** A whole number within `bounds`, documented with them (and with its default, if any). */
export function bounded(bounds: Bounds, description: string) {
  const error = `must be ${bounds.min}-${bounds.max}`;
  return z
    .int({ error })
    .check(
      z.minimum(bounds.min, { error }),
      z.maximum(bounds.max, { error }),
      meta(description, bounds.default === undefined ? {} : { default: bounds.default }),
    );
}

const flag = (description: string) =>
  z.boolean({ error: 'must be true or false' }).check(meta(description, { default: false }));

/** A question: not blank, and within the length limit. */
export const questionField = () =>
  z
    .string({ error: 'must not be blank' })
    .check(
      z.regex(/\S/, { error: 'must not be blank' }),
      z.maxLength(LIMITS.questionChars, { error: `is over ${LIMITS.questionChars} characters` }),
    );

export const knowledgeBaseField = () =>
  z
    .string({ error: KNOWLEDGE_BASE_NAME_RULE })
    .check(
      z.regex(KNOWLEDGE_BASE_NAME_PATTERN, { error: KNOWLEDGE_BASE_NAME_RULE }),
      meta('The knowledge base to answer from', { example: 'team-notes' }),
    );

/** Where the outcome is POSTed; the API checks the address itself (src/webhooks). */
export const webhookField = () =>
  z
    .string({ error: 'must be an http(s) URL' })
    .check(
      z.maxLength(LIMITS.webhookChars, { error: `is over ${LIMITS.webhookChars} characters` }),
      z.regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL' }),
    );

/** A research plan: 1-20 questions, each a question by the rule above. */
export const planField = (description: string) => {
  const { min, max } = LIMITS.planQuestions;
  const error = `must be ${min}-${max} non-empty questions`;
  return z
    .array(questionField(), { error })
    .check(z.minLength(min, { error }), z.maxLength(max, { error }), meta(description));
};

/** The options of one answer (askWorkflow), also each research sub-question's. */
export const askOptionFields = {
  maxRetrievals: z.optional(
    bounded(LIMITS.maxRetrievals, 'Retrieval rounds (1 turns query rewriting off)'),
  ),
  maxGenerations: z.optional(
    bounded(LIMITS.maxGenerations, 'Answer generations (1 turns regeneration off)'),
  ),
  topK: z.optional(bounded(LIMITS.topK, 'Chunks retrieved per round')),
  allowClarify: z.optional(
    flag('Ask the user a clarifying question when the first search finds nothing relevant'),
  ),
  clarifyTimeoutSeconds: z.optional(
    bounded(
      LIMITS.clarifyTimeoutSeconds,
      'Seconds a clarifying question waits for its reply; then the task goes on without one',
    ),
  ),
};

/** The options of a research task (researchWorkflow) besides its sub-questions' own. */
export const researchOptionFields = {
  maxSubQuestions: z.optional(
    bounded(LIMITS.maxSubQuestions, 'Most sub-questions a planned research task has'),
  ),
  concurrency: z.optional(bounded(LIMITS.concurrency, 'Research: sub-questions answered at once')),
  approvePlan: z.optional(
    flag('Research: wait for POST /v1/tasks/:id/input to approve or edit the plan'),
  ),
  approvalTimeoutSeconds: z.optional(
    bounded(
      LIMITS.approvalTimeoutSeconds,
      'Research with approvePlan: seconds the plan waits for approval; then it goes ahead as proposed',
    ),
  ),
  subQuestions: z.optional(planField('Research: your own plan (skips planning)')),
};
