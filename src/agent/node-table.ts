import { END } from '@langchain/langgraph';
import type { AgentNode } from '../../workflows/shared/agent-nodes';
import type { AgentSettings } from './configuration';
import type { NodeDefinition } from './node-kinds';
import { checkAnswer } from './nodes/check-answer';
import { checkGrounding } from './nodes/check-grounding';
import { clarify } from './nodes/clarify';
import { finalize } from './nodes/finalize';
import { generate } from './nodes/generate';
import { grade } from './nodes/grade';
import { retrieve } from './nodes/retrieve';
import { rewrite } from './nodes/rewrite';
import {
  routeAfterAnswerCheck,
  routeAfterGenerate,
  routeAfterGrade,
  routeAfterGrounding,
  routeAfterRetrieve,
} from './routes';
import type { AgentStateValue } from './state';

/** A decision after a node: a pure router and every node it may choose. */
export interface Branch {
  route(state: AgentStateValue, settings: AgentSettings): AgentNode;
  to: readonly AgentNode[];
}

function branch<T extends AgentNode>(
  route: (state: AgentStateValue, settings: AgentSettings) => T,
  to: readonly T[],
): Branch {
  return { route, to };
}

export interface NodeRow {
  /** What the node does: plain, or model-backed with its model and offline forms. */
  node: NodeDefinition;
  /** Where the graph goes after it. */
  then: AgentNode | typeof END | Branch;
}

/**
 * The agent: every node, its implementation and where it leads. The graph, `interruptAfter` and
 * the activity map are built from this table, and `satisfies` ties it to the workflow's list of
 * node names (workflows/shared/agent-nodes.ts): a node missing from either side does not compile.
 */
export const AGENT_NODE_TABLE = {
  retrieve: { node: retrieve, then: branch(routeAfterRetrieve, ['grade', 'finalize']) },
  grade: {
    node: grade,
    then: branch(routeAfterGrade, ['generate', 'rewrite', 'clarify', 'finalize']),
  },
  rewrite: { node: rewrite, then: 'retrieve' },
  generate: { node: generate, then: branch(routeAfterGenerate, ['checkGrounding', 'finalize']) },
  checkGrounding: {
    node: checkGrounding,
    then: branch(routeAfterGrounding, ['checkAnswer', 'finalize']),
  },
  checkAnswer: { node: checkAnswer, then: branch(routeAfterAnswerCheck, ['finalize', 'rewrite']) },
  clarify: { node: clarify, then: 'retrieve' },
  finalize: { node: finalize, then: END },
} satisfies Record<AgentNode, NodeRow>;
