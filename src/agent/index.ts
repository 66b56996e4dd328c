export { AGENT_NODES, buildAgentGraph, type AgentGraphBuilder, type AgentGraphDeps } from './graph';
export type { AgentNodeName } from './graph';
export { AgentState, type AgentInput, type AgentStateUpdate, type AgentStateValue } from './state';
export {
  agentBudgets,
  agentConfig,
  DEFAULT_AGENT_CONFIG,
  DEFAULT_BUDGETS,
  type AgentConfig,
} from './configuration';
export type * from './engine';
export type * from './types';
export { addUsage, ZERO_USAGE } from './types';
export { routeAfterAnswerCheck, routeAfterGrade, routeAfterGrounding } from './routes';
export { initialAgentState, InvalidAgentInputError } from './input';
export { abstentionText } from './nodes/finalize';
export { joinDraft, keepSentences, splitDraft } from './draft';
export * from './prompts';
export { DEFAULT_EXTRACTIVE_OPTIONS, ExtractiveEngine } from './extractive';
export type { Embed, ExtractiveOptions } from './extractive';
