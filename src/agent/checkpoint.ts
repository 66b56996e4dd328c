import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';

/**
 * A LangGraph checkpoint as the workflow carries it between activities: the checkpointer's own
 * typed serialization (so LangChain messages and other classes survive), base64 for the payload.
 */
export interface CarriedCheckpoint {
  checkpoint: [type: string, data: string];
  metadata: [type: string, data: string];
}

export const THREAD = { configurable: { thread_id: 'quarry', checkpoint_ns: '' } };

async function dump(saver: BaseCheckpointSaver, value: unknown): Promise<[string, string]> {
  const [type, bytes] = await saver.serde.dumpsTyped(value);
  return [type, Buffer.from(bytes).toString('base64')];
}

async function load(saver: BaseCheckpointSaver, [type, data]: [string, string]): Promise<unknown> {
  return saver.serde.loadsTyped(type, new Uint8Array(Buffer.from(data, 'base64')));
}

/** A fresh in-memory saver holding exactly the carried checkpoint (or nothing, for a first step). */
export async function saverFrom(carried: CarriedCheckpoint | null): Promise<MemorySaver> {
  const saver = new MemorySaver();
  if (carried) {
    const checkpoint = (await load(saver, carried.checkpoint)) as Parameters<MemorySaver['put']>[1];
    const metadata = (await load(saver, carried.metadata)) as Parameters<MemorySaver['put']>[2];
    await saver.put(THREAD, checkpoint, metadata);
  }
  return saver;
}

/** Rewrites the state's values before they are carried (the agent leaves chunk texts out). */
export type Lighten = (values: Record<string, unknown>) => Record<string, unknown>;

/** The saver's latest checkpoint, ready to carry. */
export async function carry(saver: MemorySaver, lighten?: Lighten): Promise<CarriedCheckpoint> {
  const tuple = await saver.getTuple(THREAD);
  if (!tuple) throw new Error('the graph wrote no checkpoint');
  const checkpoint = lighten
    ? { ...tuple.checkpoint, channel_values: lighten(tuple.checkpoint.channel_values) }
    : tuple.checkpoint;
  return {
    checkpoint: await dump(saver, checkpoint),
    metadata: await dump(saver, tuple.metadata ?? {}),
  };
}
