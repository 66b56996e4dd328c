import { AnswerTextStream } from '../../src/streaming/answer-text-stream';
import { InProcessTokenChannel, type TokenEvent } from '../../src/streaming/token-channel';

describe('AnswerTextStream: the readable text of a structured answer as it streams', () => {
  const feed = (pieces: string[]) => {
    const stream = new AnswerTextStream();
    return pieces.map((p) => stream.push(p));
  };

  it('keeps only the "text" values, whatever the pieces split', () => {
    const reply = JSON.stringify({
      sentences: [
        { text: '混合检索结合 BM25。', document: 1 },
        { text: 'He said "hi"\n.', document: 2 },
      ],
    });
    for (const size of [1, 3, 7, 64]) {
      const pieces = reply.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect(feed(pieces).join('')).toBe('混合检索结合 BM25。He said "hi"\n.');
    }
  });

  it('decodes \\u escapes split across pieces, and ignores keys and other values', () => {
    expect(feed(['{"text":"\\u6df7', '\\u5408","document":1,"note":"x"}']).join('')).toBe('混合');
    expect(feed(['{"document":1,"textual":"no"}']).join('')).toBe('');
  });

  it('passes a plain-text reply through', () => {
    expect(feed(['  hybrid ', 'search']).join('')).toBe('hybrid search');
  });
});

describe('InProcessTokenChannel', () => {
  it('delivers a task’s tokens to its subscribers only, until they unsubscribe', async () => {
    const channel = new InProcessTokenChannel();
    const seen: TokenEvent[] = [];
    const off = channel.subscribe('task-a', (e) => seen.push(e));
    const event = (task: string, text: string) => ({ task, node: 'generate', draft: '1.1', text });
    channel.publish(event('task-a', 'one'));
    channel.publish(event('task-b', 'other'));
    off();
    channel.publish(event('task-a', 'late'));
    expect(seen.map((e) => e.text)).toEqual(['one']);
    await channel.close();
  });
});
