import { PostgresTokenChannel } from '../../src/streaming/postgres-token-channel';
import type { TokenEvent } from '../../src/streaming/token-channel';
import {
  channelFor,
  decodeFrame,
  encodeFrame,
  FrameBatcher,
  MAX_FRAME_BYTES,
  splitEvent,
} from '../../src/streaming/token-frames';

const event = (text: string, over: Partial<TokenEvent> = {}): TokenEvent => ({
  task: 'task-a',
  node: 'generate',
  draft: 'generate-1.1',
  text,
  ...over,
});
const bytes = (e: TokenEvent) => Buffer.byteLength(encodeFrame(e), 'utf8');

describe('token frames for PostgreSQL NOTIFY', () => {
  it('names a channel per task that is a valid identifier, whatever the task id', () => {
    const long = `ask-${'é'.repeat(300)}`;
    for (const task of ['ask-1', long, 'a"b; DROP']) {
      expect(channelFor(task)).toMatch(/^quarry_tokens_[0-9a-f]{40}$/);
      expect(Buffer.byteLength(channelFor(task))).toBeLessThanOrEqual(63);
    }
    expect(channelFor('ask-1')).not.toBe(channelFor('ask-2'));
  });

  it('round-trips a frame and ignores payloads that are not frames', () => {
    const e = event('混合检索 "quoted"\n');
    expect(decodeFrame(encodeFrame(e))).toEqual(e);
    expect(decodeFrame('not json')).toBeUndefined();
    expect(decodeFrame('{"task":"a","text":1}')).toBeUndefined();
    expect(decodeFrame(undefined)).toBeUndefined();
  });

  it('cuts a long text into frames under the limit, never inside a character, losing nothing', () => {
    // Three-byte characters, escapes and a surrogate pair: every size of character.
    const text = '混合检索\n"q"😀a'.repeat(1500);
    const frames = splitEvent(event(text));
    expect(frames.length).toBeGreaterThan(2);
    for (const f of frames) {
      expect(bytes(f)).toBeLessThan(MAX_FRAME_BYTES + 1);
      expect(f.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(frames.map((f) => f.text).join('')).toBe(text);
    expect(frames.every((f) => f.task === 'task-a' && f.draft === 'generate-1.1')).toBe(true);
  });

  it('sends nothing for a task id too long to leave room for text', () => {
    expect(splitEvent(event('x', { task: 'a'.repeat(MAX_FRAME_BYTES) }))).toEqual([]);
  });

  it('joins tokens of one draft into one frame, and starts a new one for another draft or when full', () => {
    const batcher = new FrameBatcher(200);
    for (const piece of ['混合', '检索', '结合 BM25']) batcher.push(event(piece));
    batcher.push(event('retry', { draft: 'generate-1.2' }));
    batcher.push(event('other task', { task: 'task-b' }));
    expect(batcher.take().map((f) => [f.task, f.draft, f.text])).toEqual([
      ['task-a', 'generate-1.1', '混合检索结合 BM25'],
      ['task-a', 'generate-1.2', 'retry'],
      ['task-b', 'generate-1.1', 'other task'],
    ]);
    expect(batcher.size).toBe(0);

    for (let i = 0; i < 300; i++) batcher.push(event(`${i % 10}`));
    const frames = batcher.take();
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.every((f) => bytes(f) < 200)).toBe(true);
    expect(frames.map((f) => f.text).join('')).toBe('0123456789'.repeat(30));
  });
});

describe('PostgresTokenChannel without a database', () => {
  it('never throws or waits on publish: frames it cannot send are dropped and counted', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const channel = new PostgresTokenChannel({
      url: 'postgres://quarry:secret@127.0.0.1:1/postgres',
      flushMs: 1,
    });
    for (let i = 0; i < 50; i++) expect(channel.publish(event(`token ${i} `))).toBeUndefined();
    while (channel.stats.framesDropped === 0) await new Promise((r) => setTimeout(r, 10));
    expect(channel.stats.framesSent).toBe(0);
    // The 50 tokens of one draft went as one frame.
    expect(channel.stats.framesDropped).toBe(1);
    channel.publish(event('after the failure'));
    await channel.close();
    expect(channel.stats.framesDropped).toBe(2);
  });

  it('drops beyond its bound of waiting frames instead of queueing without end', async () => {
    const channel = new PostgresTokenChannel({
      url: 'postgres://quarry:secret@127.0.0.1:1/postgres',
      flushMs: 60_000,
      maxPendingFrames: 3,
    });
    for (let i = 0; i < 10; i++) channel.publish(event(`t${i}`, { draft: `d${i}` }));
    expect(channel.stats.framesDropped).toBe(7);
    await channel.close();
    expect(channel.stats.framesDropped).toBe(10);
  });
});
