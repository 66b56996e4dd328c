import type { AnsweredItem } from '../../src/eval/answer-metrics';
import { itemRecords, runRecord } from '../../src/eval/item-results';
import type { QaItem } from '../../src/eval/qa-items';

const item = (over: Partial<QaItem> = {}): QaItem => ({
  id: 'i',
  lang: 'zh',
  question: 'q',
  source: 'llm-universe/pumpkin_book.pdf',
  page: 44,
  keyphrases: ['ID3', 'CART'],
  answerable: true,
  kind: 'fact',
  ...over,
});

const LOOP = [
  'retrieve', // 1
  'grade', // 2
  'generate', // 3
  'checkGrounding', // 4
  'checkAnswer', // 5
  'rewrite', // 6
  'retrieve', // 7
  'grade', // 8
  'generate', // 9
  'checkGrounding', // 10
  'checkAnswer', // 11
  'finalize', // 12
];

const run = (over: Partial<AnsweredItem>): AnsweredItem => ({
  item: item(),
  answer: 'ID3 和 CART [1]',
  abstained: false,
  steps: LOOP.length,
  path: LOOP,
  ...over,
});

describe('per-item records', () => {
  it('splits keyphrases into hit and missed, and a partial answer is a miss', () => {
    const r = runRecord(run({ answer: '信息增益对应 ID3 [1]' }));
    expect(r).toMatchObject({
      keyphrases_hit: ['ID3'],
      keyphrases_missed: ['CART'],
      keyphrase_recall: 0.5,
      correct: false,
      generations: 2,
    });
  });

  it('names the last generate step when correction changed the answer, the first when it did not', () => {
    const without = run({
      answer: '别的 [1]',
      steps: 6,
      path: LOOP.slice(0, 5).concat('finalize'),
    });
    const changed = runRecord(run({}), without);
    expect(changed.changed_by_correction).toBe(true);
    expect(changed.answer_step).toEqual({ index: 9, node: 'generate' });
    const same = runRecord(run({}), run({ answer: ' ID3 和 CART [1] ' }));
    expect(same.changed_by_correction).toBe(false);
    expect(same.answer_step).toEqual({ index: 3, node: 'generate' });
    // Alone (no second run to compare), there is nothing to say about correction.
    expect(runRecord(run({})).changed_by_correction).toBeNull();
  });

  it('puts an abstention at finalize, and an unanswerable item abstained on is correct', () => {
    const path = ['retrieve', 'grade', 'rewrite', 'retrieve', 'grade', 'finalize'];
    const none = item({ answerable: false, kind: 'none', keyphrases: [], source: null });
    const r = runRecord(run({ item: none, answer: '知识库中没有找到', abstained: true, path }));
    expect(r).toMatchObject({ correct: true, answer_step: { index: 6, node: 'finalize' } });
    expect(r.cited_relevant).toBeNull();
    const answered = runRecord(run({ item: none, answer: '编造的', abstained: false, path }));
    expect(answered.correct).toBe(false);
  });

  it('finds the relevant chunk the agent held and whether it was graded relevant and cited', () => {
    const r = runRecord(
      run({
        held: [
          { source: 'seed.txt', page: null, relevant: true },
          { source: 'pumpkin_book.pdf', page: 44, relevant: false },
        ],
        cited: [{ source: 'seed.txt', page: null }],
      }),
    );
    expect(r.evidence).toEqual({ position: 2, graded_relevant: false });
    expect(r.cited_relevant).toBe(false);
  });

  it('records a task that did not complete as a miss with its error', () => {
    const r = runRecord(
      run({ answer: '', error: 'task t ended failed: boom', path: ['retrieve'] }),
    );
    expect(r).toMatchObject({
      correct: false,
      error: 'task t ended failed: boom',
      answer_step: null,
    });
  });

  it('joins the retrieval rank and both runs per item, in the file order', () => {
    const a = item({ id: 'a' });
    const b = item({ id: 'b', kind: 'list' });
    const records = itemRecords([a, b], new Map([['a', 3]]), {
      withCorrection: [run({ item: b }), run({ item: a })],
      withoutCorrection: [run({ item: a, answer: 'x' })],
    });
    expect(records.map((r) => [r.id, r.kind, r.retrieval_rank])).toEqual([
      ['a', 'fact', 3],
      ['b', 'list', null],
    ]);
    expect(records[0].with_correction?.changed_by_correction).toBe(true);
    expect(records[0].without_correction?.answer).toBe('x');
    expect(records[1].without_correction).toBeUndefined();
    expect(records[1].with_correction?.changed_by_correction).toBeNull();
  });
});
