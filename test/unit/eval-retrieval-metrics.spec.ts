import { answerReport, keyphraseHit } from '../../src/eval/answer-metrics';
import { parseQaJsonl, type QaItem } from '../../src/eval/qa-items';
import {
  countedItems,
  hitAtK,
  retrievalReport,
  sameSource,
} from '../../src/eval/retrieval-metrics';

const item = (over: Partial<QaItem>): QaItem => ({
  id: 'x',
  lang: 'zh',
  question: 'q',
  source: 'llm-universe/pumpkin_book.pdf',
  page: 13,
  keyphrases: [],
  answerable: true,
  kind: 'fact',
  ...over,
});

describe('retrieval metrics', () => {
  it('matches sources by whole path segments from the end', () => {
    expect(sameSource('pumpkin_book.pdf', 'llm-universe/pumpkin_book.pdf')).toBe(true);
    expect(
      sameSource('corpus/llm-universe/pumpkin_book.pdf', 'llm-universe/pumpkin_book.pdf'),
    ).toBe(true);
    expect(sameSource('book.pdf', 'llm-universe/pumpkin_book.pdf')).toBe(false);
    expect(sameSource('other/pumpkin_book.pdf', 'llm-universe/pumpkin_book.pdf')).toBe(false);
  });

  it('needs source and page to agree, within the top k', () => {
    const hits = [
      { source: 'pumpkin_book.pdf', page: 12 },
      { source: 'other.pdf', page: 13 },
      { source: 'pumpkin_book.pdf', page: 13 },
    ];
    expect(hitAtK(item({}), hits, 1)).toBe(0);
    expect(hitAtK(item({}), hits, 3)).toBe(1);
    // The peer metric looks at pages alone, so the other file's page 13 counts.
    expect(hitAtK(item({}), hits, 2, true)).toBe(1);
  });

  it('scores multi-target items by the fraction found', () => {
    const multi = item({ page: null, pages: [3, 7], sources: ['a.md', 'b.md'] });
    expect(hitAtK(multi, [{ source: 'a.md', page: 3 }], 5)).toBe(0.5);
    expect(
      hitAtK(
        multi,
        [
          { source: 'a.md', page: 3 },
          { source: 'x/b.md', page: 7 },
        ],
        5,
      ),
    ).toBe(1);
  });

  it('skips unanswerable items and, for the peer metric, items not peer-counted', () => {
    const items = [
      item({ id: 'a' }),
      item({ id: 'b', answerable: false }),
      item({ id: 'c', peer_counted: false }),
    ];
    expect(countedItems(items, false).map((i) => i.id)).toEqual(['a', 'c']);
    expect(countedItems([item({ peer_counted: true }), ...items], true)).toHaveLength(1);
  });

  it('averages hits into recall@k', () => {
    const report = retrievalReport([
      { item: item({}), hits: [{ source: 'pumpkin_book.pdf', page: 13 }] },
      {
        item: item({}),
        hits: [
          { source: 'pumpkin_book.pdf', page: 1 },
          { source: 'pumpkin_book.pdf', page: 13 },
        ],
      },
    ]);
    expect(report).toEqual({
      n: 2,
      recall_at_1: 0.5,
      recall_at_3: 1,
      recall_at_5: 1,
      recall_at_10: 1,
    });
  });

  it('parses JSONL and names the bad line', () => {
    expect(parseQaJsonl(`${JSON.stringify(item({}))}\n\n`)).toHaveLength(1);
    expect(() => parseQaJsonl(`${JSON.stringify(item({}))}\n{"id": 1}`)).toThrow(/^line 2: id/);
    expect(() => parseQaJsonl('nope')).toThrow('line 1: not valid JSON');
  });
});

describe('answer metrics', () => {
  it('counts keyphrases ignoring whitespace and case', () => {
    expect(keyphraseHit(item({ keyphrases: ['检索 增强', 'RAG'] }), '检索增强生成（rag）[1]')).toBe(
      1,
    );
    expect(keyphraseHit(item({ keyphrases: ['a', 'b'] }), 'only a')).toBe(0.5);
  });

  it('reports recall over answerable items and both abstention rates', () => {
    const report = answerReport([
      { item: item({ keyphrases: ['x'] }), answer: 'x', abstained: false, steps: 7 },
      { item: item({ keyphrases: ['y'] }), answer: 'none', abstained: true, steps: 9 },
      { item: item({ answerable: false, kind: 'none' }), answer: '', abstained: true, steps: 5 },
      {
        item: item({ answerable: false, kind: 'none' }),
        answer: 'made up',
        abstained: false,
        steps: 5,
      },
    ]);
    expect(report).toEqual({
      n: 4,
      keyphrase_recall: 0.5,
      abstention_rate: 0.5,
      false_abstention_rate: 0.5,
      mean_steps: 6.5,
    });
  });
});
