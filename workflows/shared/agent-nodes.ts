/**
 * The agent graph's node names. Each is also the name of the activity that runs that node, so the
 * Temporal UI shows the agent's path (retrieve → grade → rewrite → …) for every run. Workflow code
 * cannot import LangGraph, so the names live here; the node table (src/agent/node-table.ts) is
 * type-checked against this list, and a node missing from either side does not compile.
 */
export const AGENT_NODES = [
  'retrieve',
  'grade',
  'rewrite',
  'generate',
  'checkGrounding',
  'checkAnswer',
  'clarify',
  'finalize',
] as const;

export type AgentNode = (typeof AGENT_NODES)[number];

export const FIRST_AGENT_NODE: AgentNode = 'retrieve';
