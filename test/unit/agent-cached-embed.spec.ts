import { cachedEmbed } from '../../src/agent/extractive/cached-embed';

describe('cachedEmbed', () => {
  it('embeds only texts it has not seen, once each, and returns vectors in order', async () => {
    const calls: string[][] = [];
    const embed = cachedEmbed((texts) => {
      calls.push(texts);
      return Promise.resolve(texts.map((t) => [t.length]));
    }, 10);
    expect(await embed(['aa', 'b', 'aa'])).toEqual([[2], [1], [2]]);
    expect(await embed(['b', 'ccc'])).toEqual([[1], [3]]);
    expect(calls).toEqual([['aa', 'b'], ['ccc']]);
  });

  it('forgets the least recently used beyond its capacity', async () => {
    let count = 0;
    const embed = cachedEmbed((texts) => {
      count += texts.length;
      return Promise.resolve(texts.map(() => [0]));
    }, 2);
    await embed(['a', 'b', 'c']);
    await embed(['a']);
    expect(count).toBe(4);
  });
});
