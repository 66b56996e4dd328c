import {
  blendVectors,
  chineseRendering,
  TRANSLATION_VECTOR_SHARE,
} from '../../src/knowledge/rerank';

const cosine = (a: number[], b: number[]) =>
  a.reduce((sum, x, i) => sum + x * b[i], 0) / (Math.hypot(...a) * Math.hypot(...b));

describe('chineseRendering', () => {
  it("says an English question's words in Chinese, in the question's order", () => {
    const rendering = chineseRendering('Which organisations jointly developed the series?');
    const words = rendering.split(' ');
    expect(words).toEqual(expect.arrayContaining(['组织', '共同']));
    // Order follows the question: the organisations come before what they did jointly.
    expect(words.indexOf('组织')).toBeLessThan(words.indexOf('共同'));
    // Framing and stopwords ("which", "the") bring nothing.
    expect(rendering).not.toMatch(/\b(which|the)\b/);
  });

  it('keeps the words the dictionary lacks (names, identifiers) as written', () => {
    const rendering = chineseRendering('Which organisations developed GLM?');
    expect(rendering).toContain('组织');
    expect(rendering.split(' ')).toContain('glm');
  });

  it('is empty for a Chinese question and for English with nothing translated', () => {
    expect(chineseRendering('Quarry 的日志默认是什么级别？')).toBe('');
    expect(chineseRendering('GLM XGBoost')).toBe('');
  });
});

describe('blendVectors', () => {
  it('is a unit vector between the two, nearer the one with the larger share', () => {
    const own = [1, 0, 0];
    const rendering = [0, 1, 0];
    const half = blendVectors(own, rendering, TRANSLATION_VECTOR_SHARE);
    expect(Math.hypot(...half)).toBeCloseTo(1);
    expect(cosine(half, own)).toBeCloseTo(cosine(half, rendering));
    expect(cosine(half, own)).toBeGreaterThan(0.5);
    const leaning = blendVectors(own, rendering, 0.8);
    expect(cosine(leaning, rendering)).toBeGreaterThan(cosine(leaning, own));
  });

  it('gives either vector back at share 0 or 1', () => {
    expect(blendVectors([0.6, 0.8], [1, 0], 0)).toEqual([0.6, 0.8]);
    const all = blendVectors([0.6, 0.8], [1, 0], 1);
    expect(all[0]).toBeCloseTo(1);
    expect(all[1]).toBeCloseTo(0);
  });

  it('refuses vectors of different dimensions (two models)', () => {
    expect(() => blendVectors([1, 0], [1, 0, 0], 0.5)).toThrow(/2 and 3 dimensions/);
  });
});
