import {
  chunkBatches,
  estimateTokens,
  fitChunks,
  leadingChunks,
  truncateToTokens,
} from '../../src/agent/llm/prompt-budget';
import type { RetrievedChunk } from '../../src/agent/types';

const chunk = (id: string, text: string): RetrievedChunk => ({
  id,
  text,
  source: 'notes.md',
  page: null,
  headingPath: [],
  score: 1,
});

// 1,200 characters, as the agent keeps of a chunk by default: ~2,400 estimated tokens in Chinese.
const LONG_ZH = '条件随机场的转移特征函数通常取值为一或零。'.repeat(60);
const LONG_EN = 'The alpha parameter sets the balance of hybrid search. '.repeat(22);

describe('prompt budget', () => {
  it('counts a Chinese character as several tokens and English prose as a fraction of one', () => {
    expect(estimateTokens('条件随机场')).toBe(10);
    expect(estimateTokens('alpha sets it')).toBe(4);
    expect(estimateTokens('')).toBe(0);
  });

  it('cuts a text to a token budget and marks the cut; a text that fits is kept as is', () => {
    expect(truncateToTokens('条件随机场', 6)).toBe('条件…');
    expect(truncateToTokens('条件随机场', 10)).toBe('条件随机场');
    expect(estimateTokens(truncateToTokens(LONG_ZH, 512))).toBeLessThanOrEqual(512);
  });

  it('leaves prompts whole when no context size is configured', () => {
    const chunks = [chunk('a', LONG_ZH), chunk('b', LONG_EN)];
    expect(fitChunks(chunks, {})).toBe(chunks);
    expect(chunkBatches(chunks, {})).toEqual([chunks]);
    expect(chunkBatches([], {})).toEqual([]);
  });

  it('batches every chunk exactly once, in order, each batch within a quarter of the context', () => {
    const chunks = Array.from({ length: 8 }, (_, i) => chunk(`c${i}`, i % 2 ? LONG_EN : LONG_ZH));
    const batches = chunkBatches(chunks, { contextTokens: 8192 });
    expect(batches.flat().map((c) => c.id)).toEqual(chunks.map((c) => c.id));
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const tokens = batch.reduce((sum, c) => sum + estimateTokens(c.text), 0);
      expect(tokens).toBeLessThanOrEqual(8192 / 4);
      for (const c of batch) expect(estimateTokens(c.text)).toBeLessThanOrEqual(8192 / 16);
    }
  });

  it('follows the configured context: a larger window keeps more text and makes fewer calls', () => {
    const chunks = Array.from({ length: 8 }, (_, i) => chunk(`c${i}`, LONG_ZH));
    const small = chunkBatches(chunks, { contextTokens: 4096 });
    const large = chunkBatches(chunks, { contextTokens: 131_072 });
    expect(small.length).toBeGreaterThan(large.length);
    expect(large).toHaveLength(1);
    // A 128k window keeps whole chunks; a 4k one cuts each to 256 tokens.
    expect(large[0].map((c) => c.text)).toEqual(chunks.map((c) => c.text));
    expect(small[0][0].text.length).toBeLessThan(LONG_ZH.length);
  });

  it('gives a single call the leading chunks that fit it', () => {
    const chunks = Array.from({ length: 8 }, (_, i) => chunk(`c${i}`, LONG_ZH));
    const first = leadingChunks(chunks, { contextTokens: 8192 });
    expect(first.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(leadingChunks(chunks, {})).toBe(chunks);
  });
});
