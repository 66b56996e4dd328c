export {
  AGENT_NODE_NAMES,
  buildAgentGraph,
  compileForSteps,
  INTERRUPT_AFTER,
  reusableAgentGraph,
} from './graph';
export type { AgentGraphBuilder } from './graph';
export { AGENT_NODE_TABLE, type NodeRow } from './node-table';
export type { AgentGraphDeps, ModelBackedNode, NodeDefinition, PlainNode } from './node-kinds';
export { AgentState, type AgentStateUpdate, type AgentStateValue } from './state';
export {
  agentSettings,
  DEFAULT_BUDGETS,
  InvalidAgentInputError,
  runConfig,
  settingsForTask,
  type AgentSettings,
} from './configuration';
export { initialAgentState } from './input';
export { offlineReasoning, reasoningByRole, type Reasoning } from './reasoning';
export {
  knowledgeChunkTexts,
  knowledgeRetrieval,
  type Retrieve,
  type RetrieveOptions,
} from './retrieval';
export { cachedChunkTexts, type ChunkBody, type ChunkTexts } from './chunk-texts';
export { lightenValues } from './claim-check';
export type * from './types';
export { addUsage, ZERO_USAGE } from './types';
export {
  routeAfterAnswerCheck,
  routeAfterGenerate,
  routeAfterGrade,
  routeAfterGrounding,
  routeAfterRetrieve,
} from './routes';
export { abstentionText } from './nodes/finalize';
export { joinDraft, keepSentences, splitDraft } from './draft';
export { fenceDocument, fenceDocuments } from './llm/documents';
export {
  DEFAULT_EXTRACTIVE_OPTIONS,
  type Embed,
  type ExtractiveOptions,
} from './extractive/options';
