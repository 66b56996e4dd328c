import { HumanMessage } from '@langchain/core/messages';
import { emptyCheckpoint, MemorySaver } from '@langchain/langgraph';
import {
  carry,
  carriedText,
  saverFrom,
  THREAD,
  type CarriedCheckpoint,
} from '../../src/agent/checkpoint';

/** A checkpoint holding a LangChain message (a class the serde must bring back) and Chinese text. */
async function savedCheckpoint(): Promise<MemorySaver> {
  const saver = new MemorySaver();
  const checkpoint = emptyCheckpoint();
  checkpoint.channel_values = {
    messages: [new HumanMessage('混合检索的 alpha 参数是什么意思？')],
    chunkIds: ['a1', 'b2'],
  };
  await saver.put(THREAD, checkpoint, { source: 'loop', step: 3, parents: {} });
  return saver;
}

/** What Temporal's JSON payload converter does to an activity's result. */
const throughPayload = (c: CarriedCheckpoint) => JSON.parse(JSON.stringify(c)) as CarriedCheckpoint;

describe('the carried checkpoint form', () => {
  it('carries the serde JSON as a JSON value, and reads it back with its classes', async () => {
    const carried = throughPayload(await carry(await savedCheckpoint()));
    expect(carried.checkpoint[0]).toBe('json');
    expect(typeof carried.checkpoint[1]).toBe('object');
    const values = (await (await saverFrom(carried)).getTuple(THREAD))!.checkpoint.channel_values;
    const [message] = values.messages as HumanMessage[];
    expect(message).toBeInstanceOf(HumanMessage);
    expect(message.content).toBe('混合检索的 alpha 参数是什么意思？');
    expect(values.chunkIds).toEqual(['a1', 'b2']);
  });

  it('still reads the base64 form carried by tasks started before, to the same checkpoint', async () => {
    const carried = await carry(await savedCheckpoint());
    const base64 = (v: CarriedCheckpoint['checkpoint']): CarriedCheckpoint['checkpoint'] => [
      v[0],
      Buffer.from(carriedText(v)).toString('base64'),
    ];
    const old = { checkpoint: base64(carried.checkpoint), metadata: base64(carried.metadata) };
    const fromOld = (await (await saverFrom(old)).getTuple(THREAD))!;
    const fromNew = (await (await saverFrom(throughPayload(carried))).getTuple(THREAD))!;
    expect(fromOld.checkpoint).toEqual(fromNew.checkpoint);
    expect(fromOld.metadata).toEqual(fromNew.metadata);
    // The point of the change: fewer bytes in every payload that holds a checkpoint.
    expect(JSON.stringify(carried).length).toBeLessThan(JSON.stringify(old).length * 0.8);
  });
});
