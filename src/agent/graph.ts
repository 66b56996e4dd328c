import { END, START, StateGraph } from '@langchain/langgraph';
import { agentConfig, type AgentConfig } from './configuration';
import type { AgentEngine } from './engine';
import { checkAnswerNode } from './nodes/check-answer';
import { clarifyNode } from './nodes/clarify';
import { checkGroundingNode } from './nodes/check-grounding';
import type { NodeDeps } from './nodes/deps';
import { finalizeNode } from './nodes/finalize';
import { generateNode } from './nodes/generate';
import { gradeNode } from './nodes/grade';
import { retrieveNode } from './nodes/retrieve';
import { rewriteNode } from './nodes/rewrite';
import { routeAfterAnswerCheck, routeAfterGrade, routeAfterGrounding } from './routes';
import { AgentState } from './state';
import type { Retrieve } from './types';

// Node names live with the workflows, which name an activity after each (workflow code cannot
// import this file).
export { AGENT_NODES, type AgentNode as AgentNodeName } from '../../workflows/shared/agent-nodes';

export interface AgentGraphDeps {
  retrieve: Retrieve;
  engine: AgentEngine;
  config?: Partial<AgentConfig>;
}

/**
 * Wiring only, uncompiled: the caller compiles with its checkpointer (and `interruptAfter` to run
 * one super-step per activity). Every node is its own super-step; nodes depend on nothing but the
 * state and these deps, so any worker can run any step.
 */
export function buildAgentGraph({ retrieve, engine, config }: AgentGraphDeps) {
  const deps: NodeDeps = { retrieve, engine, config: agentConfig(config) };
  return new StateGraph(AgentState)
    .addNode('retrieve', retrieveNode(deps))
    .addNode('grade', gradeNode(deps))
    .addNode('rewrite', rewriteNode(deps))
    .addNode('generate', generateNode(deps))
    .addNode('checkGrounding', checkGroundingNode(deps))
    .addNode('checkAnswer', checkAnswerNode(deps))
    .addNode('clarify', clarifyNode())
    .addNode('finalize', finalizeNode())
    .addEdge(START, 'retrieve')
    .addEdge('retrieve', 'grade')
    .addConditionalEdges('grade', (s) => routeAfterGrade(s, deps.config), [
      'generate',
      'rewrite',
      'clarify',
      'finalize',
    ])
    .addEdge('rewrite', 'retrieve')
    .addEdge('clarify', 'retrieve')
    .addEdge('generate', 'checkGrounding')
    .addConditionalEdges('checkGrounding', routeAfterGrounding, [
      'checkAnswer',
      'generate',
      'finalize',
    ])
    .addConditionalEdges('checkAnswer', routeAfterAnswerCheck, ['finalize', 'rewrite'])
    .addEdge('finalize', END);
}

export type AgentGraphBuilder = ReturnType<typeof buildAgentGraph>;
