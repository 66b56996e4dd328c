import { END, START } from '@langchain/langgraph';
import { AGENT_NODES, FIRST_AGENT_NODE, type AgentNode } from '../../workflows/shared/agent-nodes';
import {
  AGENT_NODE_TABLE,
  buildAgentGraph,
  compileForSteps,
  INTERRUPT_AFTER,
  offlineReasoning,
  settingsForTask,
} from '../../src/agent';
import {
  createAgentActivities,
  createAgentStepModeActivity,
  type AgentDeps,
} from '../../src/agent/agent.activities';
import { MODEL_ROLES } from '../../src/config/config';
import { MemorySaver } from '@langchain/langgraph';
import { scriptedRetriever } from './agent-fixtures';

const sorted = (names: Iterable<string>) => [...names].sort();
const deps = { retrieve: scriptedRetriever([]), reasoning: offlineReasoning() };

/** Where a row leads: its one next node, or every node its router may choose. */
function targets(name: AgentNode): string[] {
  const then = AGENT_NODE_TABLE[name].then;
  return typeof then === 'string' ? [then] : [...then.to];
}

describe('the node table', () => {
  it("names exactly the workflow's nodes", () => {
    expect(sorted(Object.keys(AGENT_NODE_TABLE))).toEqual(sorted(AGENT_NODES));
  });

  it('gives every node an implementation of its kind', () => {
    for (const name of AGENT_NODES) {
      const { node } = AGENT_NODE_TABLE[name];
      if (node.kind === 'plain') {
        expect(typeof node.run).toBe('function');
        continue;
      }
      expect(node.kind).toBe('model');
      expect(MODEL_ROLES).toContain(node.role);
      expect(node.model.system.length).toBeGreaterThan(20);
      expect(node).toMatchObject({
        task: expect.any(Function),
        model: { prompt: expect.any(Function), read: expect.any(Function) },
        offline: expect.any(Function),
        update: expect.any(Function),
      });
    }
  });

  it('leads only to nodes of the list or to END, and reaches every node from the first', () => {
    const known = new Set<string>([...AGENT_NODES, END]);
    for (const name of AGENT_NODES) for (const t of targets(name)) expect(known).toContain(t);
    const reached = new Set<string>();
    const queue: string[] = [FIRST_AGENT_NODE];
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      if (reached.has(name)) continue;
      reached.add(name);
      if (name !== END) queue.push(...targets(name as AgentNode));
    }
    expect(sorted([...reached].filter((n) => n !== END))).toEqual(sorted(AGENT_NODES));
    expect(reached).toContain(END);
  });

  it('builds a graph with its nodes and edges', () => {
    const drawn = buildAgentGraph(deps).compile().getGraph();
    expect(sorted(Object.keys(drawn.nodes).filter((n) => n !== START && n !== END))).toEqual(
      sorted(AGENT_NODES),
    );
    const edges = new Set(drawn.edges.map((e) => `${e.source}>${e.target}`));
    expect(edges).toContain(`${START}>${FIRST_AGENT_NODE}`);
    for (const name of AGENT_NODES)
      for (const t of targets(name)) expect(edges).toContain(`${name}>${t}`);
  });

  it('pauses after every node when compiled for steps', () => {
    expect(sorted(INTERRUPT_AFTER)).toEqual(sorted(AGENT_NODES));
    const settings = settingsForTask({ tenant: 't', collection: 'kb', question: 'q' });
    const compiled = compileForSteps(deps, settings)(new MemorySaver()) as unknown as {
      interruptAfter: string[];
    };
    expect(sorted(compiled.interruptAfter)).toEqual(sorted(AGENT_NODES));
  });

  it('gives every node an activity of its name', () => {
    const activities = createAgentActivities({} as unknown as AgentDeps);
    expect(sorted(Object.keys(activities))).toEqual(sorted(AGENT_NODES));
    for (const name of AGENT_NODES) expect(typeof activities[name]).toBe('function');
  });

  it('tells the workflow whether the first step may run locally, as the worker is configured', async () => {
    const extractive = Object.fromEntries(
      MODEL_ROLES.map((r) => [r, 'extractive']),
    ) as AgentDeps['modelRoles'];
    const chat = Object.fromEntries(
      MODEL_ROLES.map((r) => [r, 'openai:m']),
    ) as AgentDeps['modelRoles'];
    const ask = (deps: Parameters<typeof createAgentStepModeActivity>[0]) =>
      createAgentStepModeActivity(deps).agentStepMode();
    // The first node is a search: light whatever model the roles use, unless local steps are off.
    expect(AGENT_NODE_TABLE[FIRST_AGENT_NODE].node.kind).toBe('plain');
    expect(await ask({ modelRoles: extractive })).toEqual({ firstIsLight: true });
    expect(await ask({ modelRoles: chat })).toEqual({ firstIsLight: true });
    expect(await ask({ modelRoles: extractive, localSteps: false })).toEqual({
      firstIsLight: false,
    });
  });
});
