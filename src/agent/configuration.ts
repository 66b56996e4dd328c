import { z } from 'zod';
import type { Budgets } from './types';

export const DEFAULT_BUDGETS: Readonly<Budgets> = Object.freeze({
  maxRetrievals: 3,
  maxGenerations: 2,
});

const budgetsSchema = z
  .object({
    maxRetrievals: z.number().int().min(1).max(10).default(DEFAULT_BUDGETS.maxRetrievals),
    maxGenerations: z.number().int().min(1).max(5).default(DEFAULT_BUDGETS.maxGenerations),
  })
  .strict();

/** Validated budgets; throws a ZodError naming the bad option. */
export function agentBudgets(partial: Partial<Budgets> = {}): Budgets {
  return budgetsSchema.parse(partial);
}

const agentConfigSchema = z
  .object({
    /** Chunks asked of the retriever per round. */
    retrieveLimit: z.number().int().min(1).max(50).default(8),
    /** Relevant chunks needed before generating without another retrieval round. */
    minRelevant: z.number().int().min(1).max(20).default(1),
    /** Chunks kept across rounds (the relevant ones first). */
    maxChunks: z.number().int().min(1).max(50).default(16),
    /** Characters of chunk text kept in the state. */
    chunkTextChars: z.number().int().min(100).max(4000).default(1200),
    maxQuestionChars: z.number().int().min(10).max(10_000).default(2000),
  })
  .strict();

export type AgentConfig = z.infer<typeof agentConfigSchema>;

export function agentConfig(partial: Partial<AgentConfig> = {}): AgentConfig {
  return agentConfigSchema.parse(partial);
}

export const DEFAULT_AGENT_CONFIG: Readonly<AgentConfig> = Object.freeze(agentConfig());
