import { phraseRerank } from '../../src/knowledge/rerank';
import type { SearchHit } from '../../src/knowledge/store';

function hit(id: string, text: string, score: number): SearchHit {
  return {
    id,
    text,
    score,
    source: 'book.pdf',
    title: 'book',
    headingPath: [],
    page: 0,
    position: 0,
    metadata: {},
  };
}

describe('phraseRerank', () => {
  it('promotes the passage that contains the query phrases verbatim, ignoring PDF spacing', () => {
    const hits = [
      hit('a', '推导 推导 表达式 表达式 含义 含义 推导 表达式', 1.0),
      hit('b', '5.3.4 式 (5.14) 的推导 因为 ∆γh = −η', 0.8),
    ];
    const ranked = phraseRerank('推导出式(5.14)中∆vih的计算表达式', hits, 2);
    expect(ranked.map((h) => h.id)).toEqual(['b', 'a']);
    expect(ranked[0].firstStageScore).toBe(0.8);
    expect(ranked[0].phraseScore).toBeGreaterThan(ranked[1].phraseScore);
  });

  it('keeps the first-stage order when no candidate shares a phrase (cross-lingual query)', () => {
    const hits = [
      hit('x', '泛化能力是指模型对新样本的适应能力', 0.9),
      hit('y', '过拟合', 0.4),
      hit('z', '欠拟合', 0.4),
    ];
    const ranked = phraseRerank('what is generalization', hits, 3);
    expect(ranked.map((h) => h.id)).toEqual(['x', 'y', 'z']);
    expect(ranked.every((h) => h.phraseScore === 0)).toBe(true);
  });

  it('cuts to the limit and ignores question framing', () => {
    const hits = [
      hit('p', '根据以下上下文信息请解释', 0.9),
      hit('q', '交叉验证法将数据集划分为 k 个大小相似的互斥子集', 0.3),
      hit('r', '留出法', 0.2),
    ];
    const ranked = phraseRerank('根据以下上下文信息，请解释交叉验证法', hits, 1);
    expect(ranked.map((h) => h.id)).toEqual(['q']);
  });

  it('handles a query too short for any phrase', () => {
    expect(phraseRerank('树', [hit('a', '决策树', 1)], 5)).toHaveLength(1);
  });
});

describe('phraseRerank against the share it stands for', () => {
  // The definition, written the slow way: every 3- and 4-unit phrase of the query (repeats
  // counted), and the share of them that occur verbatim among the passage's phrases.
  const UNIT =
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
  const unitsOf = (t: string) => t.normalize('NFKC').toLowerCase().match(UNIT) ?? [];
  const phrases = (u: string[], n: number) =>
    Array.from({ length: Math.max(0, u.length - n + 1) }, (_, i) =>
      JSON.stringify(u.slice(i, i + n)),
    );
  const expected = (query: string, text: string) => {
    const shares = [3, 4].map((n) => {
      const wanted = phrases(unitsOf(query), n);
      const present = new Set(phrases(unitsOf(text), n));
      return wanted.length ? wanted.filter((p) => present.has(p)).length / wanted.length : 0;
    });
    return (shares[0] + shares[1]) / 2;
  };

  it('gives every passage the share of the query’s phrases found in it, for random texts', () => {
    // Few distinct units, so phrases repeat and overlap the way real passages' do.
    const alphabet = ['的', '模', '型', '学', '习', 'ab', 'x1', '(', ')', '5', '.', ' '];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const text = (n: number) =>
      Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('');
    for (let round = 0; round < 200; round++) {
      const query = text(4 + (next() % 12));
      const hits = Array.from({ length: 5 }, (_, i) => hit(`h${i}`, text(next() % 80), 1 - i / 10));
      for (const h of phraseRerank(query, hits, hits.length)) {
        const original = hits.find((x) => x.id === h.id) as SearchHit;
        expect(h.phraseScore).toBeCloseTo(expected(query, original.text), 10);
      }
    }
  });

  it('scores a passage seen before (its units remembered) as it did the first time', () => {
    const hits = [hit('a', '式 (5.14) 的推导', 1), hit('b', '别的内容', 0.5)];
    const first = phraseRerank('式(5.14)的推导过程', hits, 2);
    const again = phraseRerank('式(5.14)的推导过程', hits, 2);
    expect(again).toEqual(first);
    expect(first[0].phraseScore).toBeGreaterThan(0);
  });
});
