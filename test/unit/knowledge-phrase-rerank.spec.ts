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
