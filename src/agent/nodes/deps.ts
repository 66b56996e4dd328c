import type { AgentConfig } from '../configuration';
import type { AgentEngine } from '../engine';
import type { AgentStateUpdate, AgentStateValue } from '../state';
import type { Retrieve } from '../types';

export interface NodeDeps {
  retrieve: Retrieve;
  engine: AgentEngine;
  config: AgentConfig;
}

export type AgentNode = (state: AgentStateValue) => Promise<AgentStateUpdate>;

/** Adds the node's step record (name, start, duration) to its update. */
export function timed(node: string, run: AgentNode): AgentNode {
  return async (state) => {
    const startedAt = new Date();
    const started = performance.now();
    const update = await run(state);
    const ms = Math.round(performance.now() - started);
    return { ...update, steps: [{ node, startedAt: startedAt.toISOString(), ms }] };
  };
}

/** Relevant chunks, best grade first. */
export function relevantChunks(state: AgentStateValue) {
  return state.chunks
    .filter((c) => state.grades[c.id]?.relevant)
    .sort((a, b) => (state.grades[b.id]?.score ?? 0) - (state.grades[a.id]?.score ?? 0));
}
