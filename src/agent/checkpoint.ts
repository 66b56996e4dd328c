import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';

/**
 * One value in the checkpointer's own typed serialization (so LangChain messages and other classes
 * survive). Its JSON travels as a JSON value inside the payload: base64 of that JSON text cost a
 * third more bytes of history per step (a quarter of the total) for nothing. Other types, and
 * everything carried before that change (tasks still running carry it on), are base64 strings.
 */
export type CarriedValue = [type: string, data: string | object];

/** A LangGraph checkpoint as the workflow carries it between activities. */
export interface CarriedCheckpoint {
  checkpoint: CarriedValue;
  metadata: CarriedValue;
  /**
   * The nodes this checkpoint leads to, as the step that wrote it found them: the next step checks
   * the node it was asked to run against it without rebuilding the graph's state first. Absent in
   * checkpoints carried before it existed.
   */
  next?: string[];
}

export const THREAD = { configurable: { thread_id: 'quarry', checkpoint_ns: '' } };

/** Where one step's checkpoints live in a saver that serves many steps (one thread per step). */
export type StepThread = typeof THREAD;

async function dump(saver: BaseCheckpointSaver, value: unknown): Promise<CarriedValue> {
  const [type, bytes] = await saver.serde.dumpsTyped(value);
  if (type === 'json') {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    // Only an object is unambiguous: a string would read back as base64.
    if (parsed !== null && typeof parsed === 'object') return [type, parsed];
  }
  return [type, Buffer.from(bytes).toString('base64')];
}

async function load(saver: BaseCheckpointSaver, [type, data]: CarriedValue): Promise<unknown> {
  const bytes =
    typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.from(JSON.stringify(data));
  return saver.serde.loadsTyped(type, new Uint8Array(bytes));
}

/** The serialized text of a carried value (tests and tools look into it). */
export function carriedText([, data]: CarriedValue): string {
  return typeof data === 'string'
    ? Buffer.from(data, 'base64').toString('utf8')
    : JSON.stringify(data);
}

/** A fresh in-memory saver holding exactly the carried checkpoint (or nothing, for a first step). */
export async function saverFrom(carried: CarriedCheckpoint | null): Promise<MemorySaver> {
  const saver = new MemorySaver();
  if (carried) await seed(saver, carried, THREAD);
  return saver;
}

/** Puts the carried checkpoint into a saver, as the only checkpoint of `thread`. */
export async function seed(
  saver: BaseCheckpointSaver,
  carried: CarriedCheckpoint,
  thread: StepThread,
): Promise<void> {
  const checkpoint = (await load(saver, carried.checkpoint)) as Parameters<MemorySaver['put']>[1];
  const metadata = (await load(saver, carried.metadata)) as Parameters<MemorySaver['put']>[2];
  await saver.put(thread, checkpoint, metadata, {});
}

/** Rewrites the state's values before they are carried (the agent leaves chunk texts out). */
export type Lighten = (values: Record<string, unknown>) => Record<string, unknown>;

/** The saver's latest checkpoint, ready to carry. */
export async function carry(
  saver: BaseCheckpointSaver,
  lighten?: Lighten,
  thread: StepThread = THREAD,
): Promise<CarriedCheckpoint> {
  const tuple = await saver.getTuple(thread);
  if (!tuple) throw new Error('the graph wrote no checkpoint');
  const checkpoint = lighten
    ? { ...tuple.checkpoint, channel_values: lighten(tuple.checkpoint.channel_values) }
    : tuple.checkpoint;
  return {
    checkpoint: await dump(saver, checkpoint),
    metadata: await dump(saver, tuple.metadata ?? {}),
  };
}
