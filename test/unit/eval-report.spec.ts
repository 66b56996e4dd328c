import type { AnswerReport } from '../../src/eval/answer-metrics';
import { PEER_RECALL, renderEvalReport } from '../../src/eval/eval-report';
import { itemRecords } from '../../src/eval/item-results';
import type { QaItem } from '../../src/eval/qa-items';

const retrieval = {
  n: 110,
  recall_at_1: 0.818,
  recall_at_3: 0.918,
  recall_at_5: 0.927,
  recall_at_10: 0.945,
};
const answer = (k: number | null, steps: number): AnswerReport => ({
  n: 40,
  keyphrase_recall: k,
  abstention_rate: 0.5,
  false_abstention_rate: 0.156,
  mean_steps: steps,
  median_answer_chars: 120,
  errors: 0,
  by_kind: {
    fact: {
      n: 30,
      keyphrase_recall: k,
      abstention_rate: null,
      false_abstention_rate: 0.1,
      mean_steps: steps,
      median_answer_chars: 90.5,
      errors: 0,
    },
    none: {
      n: 10,
      keyphrase_recall: null,
      abstention_rate: 0.5,
      false_abstention_rate: null,
      mean_steps: 5,
      median_answer_chars: null,
      errors: 0,
    },
  },
});

const qa = (over: Partial<QaItem>): QaItem => ({
  id: 'q',
  lang: 'zh',
  question: '问题',
  source: 'seed.txt',
  page: null,
  keyphrases: [],
  answerable: true,
  kind: 'fact',
  ...over,
});

describe('renderEvalReport', () => {
  it('puts recall next to the published figures with the difference, and both answer runs', () => {
    const md = renderEvalReport({
      qa: 'pumpkin_book_qa.jsonl',
      collection: 'pumpkin',
      peerMetric: true,
      retrieval,
      answers: { withCorrection: answer(0.432, 14.35), withoutCorrection: answer(0.4, 5.3) },
      date: '2026-11-28',
    });
    expect(md).toContain('| Quarry (hybrid + phrase reranking) | 0.818 | 0.918 | 0.927 | 0.945 |');
    expect(md).toContain(`| ${PEER_RECALL.recall_at_1.toFixed(3)} | 0.782 | 0.809 | 0.845 |`);
    expect(md).toContain('| difference | +0.136 | +0.136 | +0.118 | +0.100 |');
    expect(md).toContain(
      '| with correction (default) | 40 | 0.432 | 0.500 | 0.156 | 14.350 | 120 |',
    );
    expect(md).toContain('| without (one retrieval, one generation) | 40 | 0.400 |');
    expect(md).toContain("llm-universe's (peer-counted items, page hits)");
    expect(md).toContain('Steps with correction / without: 2.71×.');
    // Per kind, side by side; what cannot be measured reads n/a.
    expect(md).toContain('| fact | with | 30 | 0.432 | n/a | 0.100 | 14.350 | 91 |');
    expect(md).toContain('| fact | without | 30 | 0.400 | n/a | 0.100 | 5.300 | 91 |');
    expect(md).toContain('| none | with | 10 | n/a | 0.500 | n/a | 5.000 | n/a |');
  });

  it('prints n/a, not 0, for keyphrase recall over a file without keyphrases', () => {
    const md = renderEvalReport({
      qa: 'pumpkin_book_qa.jsonl',
      collection: 'pumpkin',
      peerMetric: false,
      retrieval,
      answers: { withCorrection: answer(null, 12), withoutCorrection: answer(null, 6) },
    });
    expect(md).toContain('| with correction (default) | 40 | n/a | 0.500 | 0.156 | 12.000 | 120 |');
    expect(md).not.toMatch(/\| with correction \(default\) \| 40 \| 0\.000/);
  });

  it('leaves the answers out when only retrieval was measured', () => {
    const md = renderEvalReport({ qa: 'q.jsonl', collection: 'kb', peerMetric: false, retrieval });
    expect(md).not.toContain('## Answers');
    expect(md).not.toContain('## Misses');
  });

  it('lists the misses grouped by kind with their answers and why, and what correction changed', () => {
    const fact = qa({ id: 'f1', keyphrases: ['2003', 'Bengio'] });
    const ok = qa({ id: 'f2', keyphrases: ['RAG'] });
    const none = qa({ id: 'n1', kind: 'none', answerable: false, source: null });
    const path = ['retrieve', 'grade', 'generate', 'checkGrounding', 'checkAnswer', 'finalize'];
    const items = itemRecords(
      [fact, ok, none],
      new Map([
        ['f1', 2],
        ['f2', 1],
      ]),
      {
        withCorrection: [
          {
            item: fact,
            answer: 'Bengio 首次将深度学习应用于语言模型。[1]',
            abstained: false,
            steps: 12,
            path,
            held: [{ source: 'seed.txt', page: null, relevant: false }],
            cited: [{ source: 'other.md', page: null }],
          },
          { item: ok, answer: 'RAG [1]', abstained: false, steps: 6, path },
          { item: none, answer: '一个编造的回答', abstained: false, steps: 9, path },
        ],
        withoutCorrection: [
          { item: fact, answer: '别的句子', abstained: false, steps: 6, path },
          { item: ok, answer: '知识库中没有找到', abstained: true, steps: 4, path },
          { item: none, answer: '一个编造的回答', abstained: false, steps: 6, path },
        ],
      },
    );
    const md = renderEvalReport({
      qa: 'q.jsonl',
      collection: 'kb',
      peerMetric: false,
      retrieval,
      items,
    });
    expect(md).toContain('## Misses by kind (with correction)');
    expect(md).toContain('### fact: 1 of 2');
    expect(md).toContain('- **f1** 问题');
    expect(md).toContain(
      '  - missed `2003`; retrieval rank 2; agent held a relevant chunk at 1 (graded irrelevant); cited a relevant passage: no; 12 steps',
    );
    expect(md).toContain('  - answer: Bengio 首次将深度学习应用于语言模型。[1]');
    expect(md).toContain('  - without correction: a miss too: 别的句子');
    expect(md).toContain('### none: 1 of 1');
    expect(md).toContain('  - expected an abstention, got an answer; 9 steps');
    expect(md).toContain('  - without correction: a miss too (same answer)');
    expect(md).not.toContain('**f2**');
    // f2 went from abstention to correct; f1 changed but stayed a miss; n1 did not change.
    expect(md).toContain('| all | 3 | 2 | 1 | 0 |');
  });
});
