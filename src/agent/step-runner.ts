import { randomUUID } from 'node:crypto';
import type { Callbacks } from '@langchain/core/callbacks/manager';
import { Command, MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import { carry, seed, type CarriedCheckpoint, type Lighten, type StepThread } from './checkpoint';

/** A step's LangGraph configuration: its thread, and whatever else the run passes its nodes. */
type StepConfig = { configurable: Record<string, unknown> } & { callbacks?: Callbacks };

/** What the runner needs of a compiled graph; LangGraph's CompiledStateGraph has it. */
export interface SteppableGraph<S> {
  invoke(input: unknown, config: StepConfig): Promise<unknown>;
  getState(config: StepConfig): Promise<{ values: unknown; next: readonly string[] }>;
  readonly __stateType?: S;
}

export type CompileForSteps<S> = (checkpointer: BaseCheckpointSaver) => SteppableGraph<S>;

/**
 * A graph compiled once on a saver that outlives it, for every step of every run a worker takes:
 * each step seeds its own thread with the carried checkpoint and deletes it when done. What
 * differs between runs (settings, reasoning) reaches the nodes as configuration, not closures.
 */
export interface ReusableStepGraph<S> {
  graph: SteppableGraph<S>;
  saver: MemorySaver;
}

export function reusableStepGraph<S>(compile: CompileForSteps<S>): ReusableStepGraph<S> {
  const saver = new MemorySaver();
  return { graph: compile(saver), saver };
}

/** What a step passes its graph besides the thread. */
export interface StepExtras {
  /** Handlers of the step's runs (tracing); the node's model calls inherit them. */
  callbacks?: Callbacks;
  /** Merged into the run's `configurable` (the run's settings, the step's reasoning). */
  configurable?: Record<string, unknown>;
}

export interface StepOutcome<S> {
  /** The node this step ran. */
  node: string;
  checkpoint: CarriedCheckpoint;
  /** Nodes of the next super-step; empty when the graph reached END. */
  next: string[];
  state: S;
  ms: number;
  /** The value a node passed to `interrupt()`: the step is waiting for the caller's reply. */
  interrupt?: unknown;
}

/** Thrown when the carried checkpoint does not lead to the node the workflow expected. */
export class StepMismatchError extends Error {
  constructor(expected: string, actual: readonly string[]) {
    super(
      `the workflow expected node "${expected}" next, but the checkpoint leads to [${actual.join(', ')}]`,
    );
    this.name = 'StepMismatchError';
  }
}

/**
 * Runs exactly one LangGraph super-step: the graph (compiled to interrupt after every node) on an
 * in-memory thread seeded with the carried checkpoint. Rerunning a step from the same checkpoint
 * (a retried activity) starts from the same state, so nothing is applied twice. Given a compile
 * function, the graph is compiled for this step alone; given a reusable graph, it is not.
 */
export async function runOneStep<S>(
  source: CompileForSteps<S> | ReusableStepGraph<S>,
  carried: CarriedCheckpoint | null,
  input: unknown,
  expectedNode: string,
  /** The caller's reply to an interrupt, resuming the node that asked. */
  resume?: unknown,
  /** What to leave out of the carried checkpoint (the state returned is whole). */
  lighten?: Lighten,
  extras: StepExtras = {},
): Promise<StepOutcome<S>> {
  const started = performance.now();
  const { graph, saver } = typeof source === 'function' ? reusableStepGraph(source) : source;
  const thread: StepThread = { configurable: { thread_id: randomUUID(), checkpoint_ns: '' } };
  const config: StepConfig = {
    configurable: { ...extras.configurable, ...thread.configurable },
    ...(extras.callbacks ? { callbacks: extras.callbacks } : {}),
  };
  try {
    if (carried) {
      await seed(saver, carried, thread);
      // Reading the state back costs about as much as the node itself on a quiet worker; the
      // previous step already found where its checkpoint leads.
      const before = carried.next ?? (await graph.getState(config)).next;
      if (before[0] !== expectedNode) throw new StepMismatchError(expectedNode, before);
    }
    const start = resume !== undefined ? new Command({ resume }) : carried ? null : input;
    const output = (await graph.invoke(start, config)) as { __interrupt__?: { value: unknown }[] };
    const after = await graph.getState(config);
    const interrupt = output?.__interrupt__?.[0];
    return {
      node: expectedNode,
      checkpoint: { ...(await carry(saver, lighten, thread)), next: [...after.next] },
      next: [...after.next],
      state: after.values as S,
      ms: Math.round(performance.now() - started),
      ...(interrupt ? { interrupt: interrupt.value } : {}),
    };
  } finally {
    await saver.deleteThread(thread.configurable.thread_id);
  }
}
