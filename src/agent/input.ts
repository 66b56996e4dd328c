import { agentBudgets, DEFAULT_AGENT_CONFIG } from './configuration';
import type { AgentInput, AgentStateUpdate } from './state';

/** Thrown for input that can never succeed; callers map it to a 4xx / non-retryable failure. */
export class InvalidAgentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAgentInputError';
  }
}

/** The graph's initial state from a caller's input, validated. */
export function initialAgentState(
  input: AgentInput,
  maxQuestionChars = DEFAULT_AGENT_CONFIG.maxQuestionChars,
): AgentStateUpdate {
  const question = input.question?.trim() ?? '';
  if (!question) throw new InvalidAgentInputError('the question is empty');
  if (question.length > maxQuestionChars)
    throw new InvalidAgentInputError(
      `the question has ${question.length} characters; the limit is ${maxQuestionChars}`,
    );
  if (!input.collection?.trim()) throw new InvalidAgentInputError('no knowledge base was given');
  let budgets;
  try {
    budgets = agentBudgets(input.budgets);
  } catch (error) {
    throw new InvalidAgentInputError(`invalid budgets: ${(error as Error).message}`);
  }
  return {
    question,
    collection: input.collection,
    ...(input.tenant ? { tenant: input.tenant } : {}),
    budgets,
    allowClarify: input.allowClarify === true,
  };
}
