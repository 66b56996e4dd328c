import { EMBED_HEARTBEAT_MS, embedChunks } from '../../src/knowledge/ingest/embed-chunks';
import type { Chunk, Embedder } from '../../src/knowledge/types';

const chunk = (i: number): Chunk => ({
  text: `chunk ${i}`,
  source: 'a.md',
  title: 'a',
  headingPath: [],
  page: null,
  position: i,
  contentHash: String(i),
  metadata: {},
});

/** An embedder whose every call waits for the test to let it finish. */
function slowEmbedder(): { embedder: Embedder; finish: () => void; calls: number[] } {
  const pending: (() => void)[] = [];
  const calls: number[] = [];
  const embedder: Embedder = {
    modelId: 'slow',
    dimensions: 2,
    embedDocuments: (texts) => {
      calls.push(texts.length);
      return new Promise((resolve) => pending.push(() => resolve(texts.map(() => [1, 0]))));
    },
    embedQuery: () => Promise.resolve([1, 0]),
  };
  return { embedder, calls, finish: () => pending.shift()?.() };
}

describe('embedChunks', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps heartbeating while one batch embeds longer than the heartbeat timeout, then stops', async () => {
    const { embedder, finish, calls } = slowEmbedder();
    const beats: object[] = [];
    const done = embedChunks(
      embedder,
      Array.from({ length: 40 }, (_, i) => chunk(i)),
      (d) => beats.push(d),
      new AbortController().signal,
    );
    await jest.advanceTimersByTimeAsync(20_000); // longer than the workflow's 15 s timeout
    expect(calls).toEqual([32]);
    expect(beats.length).toBeGreaterThanOrEqual(20_000 / EMBED_HEARTBEAT_MS);
    expect(beats.at(-1)).toEqual({ embedded: 0, of: 40 });
    finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([32, 8]);
    expect(beats.at(-1)).toEqual({ embedded: 32, of: 40 });
    finish();
    expect(await done).toHaveLength(40);
    const after = beats.length;
    await jest.advanceTimersByTimeAsync(10 * EMBED_HEARTBEAT_MS);
    expect(beats.length).toBe(after);
  });

  it('stops heartbeating when the embedder fails', async () => {
    const beats: object[] = [];
    const failing: Embedder = {
      modelId: 'bad',
      dimensions: 2,
      embedDocuments: () => Promise.reject(new Error('refused')),
      embedQuery: () => Promise.reject(new Error('refused')),
    };
    await expect(
      embedChunks(failing, [chunk(0)], (d) => beats.push(d), new AbortController().signal),
    ).rejects.toThrow('refused');
    const after = beats.length;
    await jest.advanceTimersByTimeAsync(10 * EMBED_HEARTBEAT_MS);
    expect(beats.length).toBe(after);
  });
});
