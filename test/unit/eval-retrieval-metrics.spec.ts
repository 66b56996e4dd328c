import {
  answerReport,
  keyphraseHit,
  keyphraseMatch,
  type AnsweredItem,
} from '../../src/eval/answer-metrics';
import { parseQaJsonl, type QaItem } from '../../src/eval/qa-items';
import {
  countedItems,
  firstRelevantRank,
  hitAtK,
  retrievalByKind,
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

  it('ranks the first hit from any target, and groups recall by kind', () => {
    const hits = [
      { source: 'a.md', page: null },
      { source: 'pumpkin_book.pdf', page: 12 },
      { source: 'pumpkin_book.pdf', page: 13 },
    ];
    expect(firstRelevantRank(item({}), hits)).toBe(3);
    expect(firstRelevantRank(item({ page: 99 }), hits)).toBeNull();
    const multi = item({ kind: 'multi', page: null, sources: ['x.md', 'a.md'] });
    expect(firstRelevantRank(multi, hits)).toBe(1);
    const byKind = retrievalByKind([
      { item: item({}), hits },
      { item: multi, hits },
    ]);
    expect(Object.keys(byKind)).toEqual(['fact', 'multi']);
    expect(byKind.fact).toMatchObject({ n: 1, recall_at_1: 0, recall_at_3: 1 });
    expect(byKind.multi).toMatchObject({ n: 1, recall_at_1: 0.5 });
  });

  it('accepts the multi-part and list kinds, and refuses an unknown kind', () => {
    const lines = ['multipart', 'list'].map((kind) => JSON.stringify(item({ kind } as never)));
    expect(parseQaJsonl(lines.join('\n')).map((i) => i.kind)).toEqual(['multipart', 'list']);
    expect(() => parseQaJsonl(JSON.stringify({ ...item({}), kind: 'essay' }))).toThrow(
      /^line 1: kind/,
    );
  });

  it('parses JSONL and names the bad line', () => {
    expect(parseQaJsonl(`${JSON.stringify(item({}))}\n\n`)).toHaveLength(1);
    expect(() => parseQaJsonl(`${JSON.stringify(item({}))}\n{"id": 1}`)).toThrow(/^line 2: id/);
    expect(() => parseQaJsonl('nope')).toThrow('line 1: not valid JSON');
  });
});

describe('answer metrics', () => {
  it('counts keyphrases ignoring whitespace and case, and says which missed', () => {
    expect(keyphraseHit(item({ keyphrases: ['检索 增强', 'RAG'] }), '检索增强生成（rag）[1]')).toBe(
      1,
    );
    expect(keyphraseHit(item({ keyphrases: ['a', 'b'] }), 'only a')).toBe(0.5);
    expect(keyphraseMatch(item({ keyphrases: ['a', 'b'] }), 'only a')).toEqual({
      hit: ['a'],
      missed: ['b'],
    });
    // Nothing to measure is not a zero.
    expect(keyphraseHit(item({ keyphrases: [] }), 'anything')).toBeNull();
  });

  it('reads a compatibility form as its letter: the PDF’s ϵ is the cleaned text’s ε', () => {
    expect(keyphraseHit(item({ keyphrases: ['2ϵ'] }), '宽度为 2ε 的间隔带[1]')).toBe(1);
    expect(keyphraseHit(item({ keyphrases: ['ＧＰＵ'] }), 'a GPU [1]')).toBe(1);
    expect(keyphraseHit(item({ keyphrases: ['2ϵ'] }), '宽度为 2δ 的间隔带[1]')).toBe(0);
  });

  const answered = (
    over: Partial<QaItem>,
    answer: string,
    abstained: boolean,
    steps: number,
  ): AnsweredItem => ({ item: item(over), answer, abstained, steps });

  it('reports recall over answerable items and both abstention rates, overall and per kind', () => {
    const report = answerReport([
      answered({ keyphrases: ['x'] }, 'x', false, 7),
      answered({ keyphrases: ['y'] }, 'none', true, 9),
      answered({ answerable: false, kind: 'none' }, '', true, 5),
      answered({ answerable: false, kind: 'none' }, 'made up', false, 5),
      answered({ keyphrases: ['p', 'q'], kind: 'list' }, 'p', false, 10),
    ]);
    expect(report).toMatchObject({
      n: 5,
      keyphrase_recall: 0.5,
      abstention_rate: 0.5,
      false_abstention_rate: 0.333,
      mean_steps: 7.2,
      // Answers that are not abstentions: 'x', 'made up', 'p' (1, 7 and 1 characters).
      median_answer_chars: 1,
      errors: 0,
    });
    expect(Object.keys(report.by_kind)).toEqual(['fact', 'list', 'none']);
    expect(report.by_kind.fact).toMatchObject({
      n: 2,
      keyphrase_recall: 0.5,
      abstention_rate: null,
      false_abstention_rate: 0.5,
    });
    expect(report.by_kind.list?.keyphrase_recall).toBe(0.5);
    expect(report.by_kind.none).toMatchObject({ keyphrase_recall: null, abstention_rate: 0.5 });
  });

  it('gives n/a (null), not 0, for a keyphrase metric over items without keyphrases', () => {
    const report = answerReport([answered({}, 'some answer', false, 6)]);
    expect(report.keyphrase_recall).toBeNull();
    expect(report.abstention_rate).toBeNull();
    expect(report.false_abstention_rate).toBe(0);
  });

  it('scores an abstention as no keyphrase, even when the abstention repeats the question', () => {
    const report = answerReport([
      answered(
        { question: 'Bengio 是谁', keyphrases: ['Bengio'] },
        '知识库中没有找到“Bengio 是谁”的答案。',
        true,
        5,
      ),
    ]);
    expect(report.keyphrase_recall).toBe(0);
  });

  it('reports the median length of the answers that are not abstentions, in characters', () => {
    const report = answerReport([
      answered({ keyphrases: ['x'] }, '检索增强生成', false, 6),
      answered({ keyphrases: ['x'] }, 'abcd', false, 6),
      answered({ keyphrases: ['x'] }, '知识库中没有找到这个问题的答案', true, 6),
    ]);
    expect(report.median_answer_chars).toBe(5);
    expect(answerReport([answered({}, '没有', true, 4)]).median_answer_chars).toBeNull();
  });

  it('counts failed tasks as errors and leaves them out of the mean steps', () => {
    const report = answerReport([
      answered({ keyphrases: ['x'] }, 'x', false, 6),
      { ...answered({ keyphrases: ['x'] }, '', false, 2), error: 'task t ended failed' },
    ]);
    expect(report).toMatchObject({ keyphrase_recall: 0.5, mean_steps: 6, errors: 1 });
  });
});
