import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { z } from 'zod';
import { LIMITS, type AskInput } from '../../workflows/contract';
import type { Budgets } from './types';

/** Thrown for input that can never succeed; callers map it to a 4xx / non-retryable failure. */
export class InvalidAgentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAgentInputError';
  }
}

const { maxRetrievals, maxGenerations, topK } = LIMITS;

export const DEFAULT_BUDGETS: Readonly<Budgets> = Object.freeze({
  maxRetrievals: maxRetrievals.default,
  maxGenerations: maxGenerations.default,
});

// The bounds of the task options they come from (workflows/contract/limits.ts).
const budgetsSchema = z
  .object({
    maxRetrievals: z
      .int()
      .min(maxRetrievals.min)
      .max(maxRetrievals.max)
      .default(maxRetrievals.default),
    maxGenerations: z
      .int()
      .min(maxGenerations.min)
      .max(maxGenerations.max)
      .default(maxGenerations.default),
  })
  .strict();

/**
 * What stays fixed for one run of the agent. It travels as LangGraph configuration
 * (`config.configurable.agent`), rebuilt by every step from the task's input, and never enters
 * the state or the checkpoint: the state holds only what changes from step to step.
 */
const agentSettingsSchema = z
  .object({
    tenant: z.string().min(1),
    knowledgeBase: z.string().trim().min(1, 'no knowledge base was given'),
    /** Chunks asked of the retriever per round. */
    topK: z.int().min(topK.min).max(topK.max).default(topK.default),
    /** The self-correction loop's bounds, checked by the routers against the attempts in state. */
    budgets: budgetsSchema.default({ ...DEFAULT_BUDGETS }),
    /** The agent may ask the user one clarifying question when the first search finds nothing. */
    allowClarify: z.boolean().default(false),
    /** Relevant chunks needed before generating without another retrieval round. */
    minRelevant: z.int().min(1).max(20).default(1),
    /** Chunks kept across rounds (the relevant ones first). */
    maxChunks: z.int().min(1).max(50).default(16),
    /** Characters of chunk text kept in the state: enough to quote and check, small for Temporal. */
    chunkTextChars: z.int().min(100).max(4000).default(1200),
  })
  .strict();

export type AgentSettings = z.output<typeof agentSettingsSchema>;
export type AgentSettingsInput = z.input<typeof agentSettingsSchema>;

/** Settings with defaults filled in; a bad value throws InvalidAgentInputError naming it. */
export function agentSettings(input: AgentSettingsInput): AgentSettings {
  const parsed = agentSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new InvalidAgentInputError(`invalid agent settings: ${problems.join('; ')}`);
}

/** A task's settings: its input's options over the agent's defaults. */
export function settingsForTask({ tenant, collection, options }: AskInput): AgentSettings {
  return agentSettings({
    tenant,
    knowledgeBase: collection,
    topK: options?.topK,
    budgets: { maxRetrievals: options?.maxRetrievals, maxGenerations: options?.maxGenerations },
    allowClarify: options?.allowClarify,
  });
}

/** The LangGraph configuration a run needs: its settings, and a thread when it is checkpointed. */
export function runConfig(settings: AgentSettings, threadId?: string) {
  return {
    configurable: { agent: settings, ...(threadId !== undefined ? { thread_id: threadId } : {}) },
  };
}

/** The run's settings, as nodes and routers read them from their LangGraph configuration. */
export function settingsOf(config: LangGraphRunnableConfig | undefined): AgentSettings {
  const settings = (config?.configurable as { agent?: AgentSettings } | undefined)?.agent;
  if (!settings) throw new Error('the agent ran without settings in config.configurable.agent');
  return settings;
}
