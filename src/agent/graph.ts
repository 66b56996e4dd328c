import { START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { FIRST_AGENT_NODE, type AgentNode } from '../../workflows/shared/agent-nodes';
import { runConfig, settingsOf, type AgentSettings } from './configuration';
import { graphNode, type AgentGraphDeps } from './node-kinds';
import { AGENT_NODE_TABLE } from './node-table';
import { AgentState, type AgentStateValue } from './state';
import { reusableStepGraph, type CompileForSteps, type ReusableStepGraph } from './step-runner';

/** Every node name, in the table's order. */
export const AGENT_NODE_NAMES = Object.keys(AGENT_NODE_TABLE) as AgentNode[];

/** The run pauses after every node, so one activity runs exactly one node. */
export const INTERRUPT_AFTER: readonly AgentNode[] = AGENT_NODE_NAMES;

/**
 * The graph as the node table describes it, uncompiled: the caller compiles with its checkpointer.
 * Nodes depend on nothing but the state, the run's settings (LangGraph configuration) and these
 * deps, so any worker can run any step.
 */
export function buildAgentGraph(deps: AgentGraphDeps) {
  const nodes = Object.fromEntries(
    AGENT_NODE_NAMES.map((name) => [name, graphNode(AGENT_NODE_TABLE[name].node, deps)]),
  ) as Record<AgentNode, ReturnType<typeof graphNode>>;
  const graph = new StateGraph(AgentState).addNode(nodes).addEdge(START, FIRST_AGENT_NODE);
  for (const name of AGENT_NODE_NAMES) {
    const then = AGENT_NODE_TABLE[name].then;
    if (typeof then === 'string') graph.addEdge(name, then);
    else
      graph.addConditionalEdges(name, (state, config) => then.route(state, settingsOf(config)), [
        ...then.to,
      ]);
  }
  return graph;
}

export type AgentGraphBuilder = ReturnType<typeof buildAgentGraph>;

/** How an activity compiles the graph for one step of a run with these settings. */
export function compileForSteps(
  deps: AgentGraphDeps,
  settings: AgentSettings,
): CompileForSteps<AgentStateValue> {
  return (checkpointer: BaseCheckpointSaver) =>
    buildAgentGraph(deps)
      .compile({ checkpointer, interruptAfter: [...INTERRUPT_AFTER] })
      .withConfig(runConfig(settings));
}

/**
 * The graph compiled once, for every step of every run: the run's settings and the step's
 * reasoning are passed per step as configuration (`agent`, `reasoning`; see `stepConfigurable`).
 */
export function reusableAgentGraph(deps: AgentGraphDeps): ReusableStepGraph<AgentStateValue> {
  return reusableStepGraph((checkpointer: BaseCheckpointSaver) =>
    buildAgentGraph(deps).compile({ checkpointer, interruptAfter: [...INTERRUPT_AFTER] }),
  );
}
