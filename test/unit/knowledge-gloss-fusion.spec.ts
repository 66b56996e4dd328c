import {
  englishGlossQuery,
  fuseByRank,
  FUSION_RANK_OFFSET,
  GLOSS_VECTOR_WEIGHT,
} from '../../src/knowledge/rerank';
import type { SearchHit } from '../../src/knowledge/store';

function hit(id: string, score = 1): SearchHit {
  return {
    id,
    text: id,
    score,
    source: `${id}.md`,
    title: id,
    headingPath: [],
    page: null,
    position: 0,
    metadata: {},
  };
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

describe('englishGlossQuery', () => {
  it("is the dictionary's English for a Chinese question's content words", () => {
    const glosses = englishGlossQuery('Quarry 的日志默认是什么级别？').split(' ');
    expect(glosses).toEqual(expect.arrayContaining(['log', 'default', 'level']));
    // Asking words (什么) bring no gloss: "what" would match any English passage.
    expect(glosses).not.toContain('what');
  });

  it('is empty for an English question (nothing to gloss)', () => {
    expect(englishGlossQuery('What is the default log level?')).toBe('');
  });
});

describe('fuseByRank', () => {
  it('keeps the first list first where the second has nothing to add', () => {
    const fused = fuseByRank([
      { hits: [hit('a'), hit('b'), hit('c')], weight: 1 },
      { hits: [], weight: GLOSS_VECTOR_WEIGHT },
    ]);
    expect(ids(fused)).toEqual(['a', 'b', 'c']);
    expect(fused[0].score).toBeCloseTo(1 / (FUSION_RANK_OFFSET + 1));
  });

  it('lifts a passage both lists rank above one only the first list ranks', () => {
    const fused = fuseByRank([
      { hits: [hit('zh-1'), hit('zh-2'), hit('en-answer')], weight: 1 },
      { hits: [hit('en-answer'), hit('en-other')], weight: GLOSS_VECTOR_WEIGHT },
    ]);
    expect(ids(fused)[0]).toBe('en-answer');
    expect(ids(fused)).toEqual(['en-answer', 'zh-1', 'zh-2', 'en-other']);
  });

  it("weighs the second list's first place below the first list's first place", () => {
    const fused = fuseByRank([
      { hits: [hit('hybrid-top')], weight: 1 },
      { hits: [hit('gloss-top')], weight: GLOSS_VECTOR_WEIGHT },
    ]);
    expect(ids(fused)).toEqual(['hybrid-top', 'gloss-top']);
  });

  it('fuses by rank, not by score: a huge BM25 score counts as one first place', () => {
    const fused = fuseByRank([
      { hits: [hit('a', 900), hit('b', 850)], weight: 1 },
      { hits: [hit('b', 0.6), hit('c', 0.5)], weight: 1 },
    ]);
    expect(ids(fused)).toEqual(['b', 'a', 'c']);
  });
});
