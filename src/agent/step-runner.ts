import type { Callbacks } from '@langchain/core/callbacks/manager';
import { Command, type BaseCheckpointSaver } from '@langchain/langgraph';
import { carry, saverFrom, THREAD, type CarriedCheckpoint, type Lighten } from './checkpoint';

/** What the runner needs of a compiled graph; LangGraph's CompiledStateGraph has it. */
export interface SteppableGraph<S> {
  invoke(input: unknown, config: typeof THREAD & { callbacks?: Callbacks }): Promise<unknown>;
  getState(config: typeof THREAD): Promise<{ values: unknown; next: readonly string[] }>;
  readonly __stateType?: S;
}

export type CompileForSteps<S> = (checkpointer: BaseCheckpointSaver) => SteppableGraph<S>;

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
 * Runs exactly one LangGraph super-step: a fresh graph on an in-memory saver seeded with the
 * carried checkpoint, compiled to interrupt after every node. Rerunning a step from the same
 * checkpoint (a retried activity) starts from the same state, so nothing is applied twice.
 */
export async function runOneStep<S>(
  compile: CompileForSteps<S>,
  carried: CarriedCheckpoint | null,
  input: unknown,
  expectedNode: string,
  /** The caller's reply to an interrupt, resuming the node that asked. */
  resume?: unknown,
  /** What to leave out of the carried checkpoint (the state returned is whole). */
  lighten?: Lighten,
  /** Handlers of the step's runs (tracing); the node's model calls inherit them. */
  callbacks?: Callbacks,
): Promise<StepOutcome<S>> {
  const started = performance.now();
  const saver = await saverFrom(carried);
  const graph = compile(saver);
  if (carried) {
    // Reading the state back costs about as much as the node itself on a quiet worker; the
    // previous step already found where its checkpoint leads.
    const before = carried.next ?? (await graph.getState(THREAD)).next;
    if (before[0] !== expectedNode) throw new StepMismatchError(expectedNode, before);
  }
  const start = resume !== undefined ? new Command({ resume }) : carried ? null : input;
  const output = (await graph.invoke(start, callbacks ? { ...THREAD, callbacks } : THREAD)) as {
    __interrupt__?: { value: unknown }[];
  };
  const after = await graph.getState(THREAD);
  const interrupt = output?.__interrupt__?.[0];
  return {
    node: expectedNode,
    checkpoint: { ...(await carry(saver, lighten)), next: [...after.next] },
    next: [...after.next],
    state: after.values as S,
    ms: Math.round(performance.now() - started),
    ...(interrupt ? { interrupt: interrupt.value } : {}),
  };
}
