import * as z from 'zod/mini';

/** What tasks return, as schemas: the workflows' result types and the API's response schemas. */

const count = () => z.int().check(z.minimum(0));

export const usageSchema = z.object({
  modelCalls: count(),
  inputTokens: count(),
  outputTokens: count(),
});
export type Usage = z.infer<typeof usageSchema>;

/** One step of a task's path: an agent node, or a research stage (`plan`, `ask:<i>`, …). */
export const stepRecordSchema = z.object({
  node: z.string().check(z.meta({ example: 'retrieve' })),
  /** ISO time the step started. */
  startedAt: z.iso.datetime(),
  ms: count(),
  /** Which attempt of the activity produced it (above 1: earlier attempts failed or were lost). */
  attempt: z.optional(z.int().check(z.minimum(1))),
  /** `ok`, or `waiting` when the step asked the user and the task paused on it. */
  outcome: z.optional(z.enum(['ok', 'waiting'])),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

/** `[n]` in an answer points at `chunkId`; `quote` is a span of that chunk's text. */
export const citationSchema = z.object({
  n: z.int().check(z.minimum(1)),
  chunkId: z.string(),
  source: z.string(),
  page: z.nullable(count()),
  quote: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const attemptsSchema = z.object({ retrieval: count(), generation: count() });
export type Attempts = z.infer<typeof attemptsSchema>;

/** A chunk the agent had retrieved but could not read again (its document was deleted or changed). */
export const skippedChunkSchema = z.object({
  id: z.string(),
  source: z.string(),
  reason: z.string(),
});
export type SkippedChunk = z.infer<typeof skippedChunkSchema>;

/** How the agent got to its answer: every query it searched with, the chunks it last held. */
export const agentTraceSchema = z.object({
  queries: z.array(z.string()),
  chunks: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      page: z.nullable(count()),
      score: z.number(),
      relevant: z.boolean(),
      grade: z.number(),
    }),
  ),
  /** Chunks dropped during the run because they were no longer stored. */
  skipped: z.optional(z.array(skippedChunkSchema)),
});
export type AgentTrace = z.infer<typeof agentTraceSchema>;

/** The agent's structured answer to one question. */
export const askAnswerSchema = z.object({
  answer: z.string(),
  citations: z.array(citationSchema),
  abstained: z.boolean(),
  attemptsUsed: attemptsSchema,
  /** What the agent could not find when it answered only in part. */
  missing: z.array(z.string()),
  usage: usageSchema,
  trace: z.optional(agentTraceSchema),
});
export type AskAnswer = z.infer<typeof askAnswerSchema>;

/** What an answer task (askWorkflow) returns: the answer and the agent's path, node by node. */
export const askResultSchema = z.extend(askAnswerSchema, { steps: z.array(stepRecordSchema) });
export type AskResult = z.infer<typeof askResultSchema>;

/** One sub-question of a research task and how it was answered. */
export const findingSchema = z.object({
  subQuestion: z.string(),
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(citationSchema),
});
export type Finding = z.infer<typeof findingSchema>;

/** A scheduled research run: what it found that the schedule's previous successful run did not. */
export const sincePreviousSchema = z.object({
  taskId: z.string(),
  finishedAt: z.iso.datetime(),
  /** Report citation numbers of passages the previous run did not cite. */
  newCitations: z.array(z.int().check(z.minimum(1))),
  /** Sub-questions answered now that the previous run could not answer. */
  newlyAnswered: z.array(z.string()),
});
export type SincePrevious = z.infer<typeof sincePreviousSchema>;

/** What a research task (researchWorkflow) returns. */
export const researchResultSchema = z.object({
  /** Markdown: summary, findings per sub-question, references. */
  report: z.string(),
  summary: z.string(),
  findings: z.array(findingSchema),
  /** Every citation of the report, numbered 1..n as the report's markers. */
  citations: z.array(citationSchema),
  /** True when no sub-question found an answer. */
  abstained: z.boolean(),
  usage: usageSchema,
  steps: z.array(stepRecordSchema),
  sincePrevious: z.optional(
    sincePreviousSchema.check(
      z.meta({
        description:
          "A research run of a schedule: what is new since the schedule's previous successful run",
      }),
    ),
  ),
});
export type ResearchResult = z.infer<typeof researchResultSchema>;
