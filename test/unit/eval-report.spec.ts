import { PEER_RECALL, renderEvalReport } from '../../src/eval/eval-report';

describe('renderEvalReport', () => {
  const retrieval = {
    n: 110,
    recall_at_1: 0.818,
    recall_at_3: 0.918,
    recall_at_5: 0.927,
    recall_at_10: 0.945,
  };
  const answer = (k: number) => ({
    n: 40,
    keyphrase_recall: k,
    abstention_rate: 0.5,
    false_abstention_rate: 0.156,
    mean_steps: 14.35,
  });

  it('puts recall next to the published figures with the difference, and both answer runs', () => {
    const md = renderEvalReport({
      qa: 'pumpkin_book_qa.jsonl',
      collection: 'pumpkin',
      peerMetric: true,
      retrieval,
      answers: { withCorrection: answer(0.432), withoutCorrection: answer(0.4) },
      date: '2026-11-28',
    });
    expect(md).toContain('| Quarry (hybrid + phrase reranking) | 0.818 | 0.918 | 0.927 | 0.945 |');
    expect(md).toContain(`| ${PEER_RECALL.recall_at_1.toFixed(3)} | 0.782 | 0.809 | 0.845 |`);
    expect(md).toContain('| difference | +0.136 | +0.136 | +0.118 | +0.100 |');
    expect(md).toContain('| with correction (default) | 40 | 0.432 | 0.500 | 0.156 | 14.350 |');
    expect(md).toContain('| without (one retrieval, one generation) | 40 | 0.400 |');
    expect(md).toContain("llm-universe's (peer-counted items, page hits)");
  });

  it('leaves the answers out when only retrieval was measured', () => {
    const md = renderEvalReport({ qa: 'q.jsonl', collection: 'kb', peerMetric: false, retrieval });
    expect(md).not.toContain('## Answers');
  });
});
