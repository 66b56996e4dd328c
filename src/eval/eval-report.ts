import type { AnswerReport } from './answer-metrics';
import type { RetrievalReport } from './retrieval-metrics';

/**
 * llm-universe's best published retrieval figures on the pumpkin-book QA set (bge-small-zh-v1.5 +
 * Chroma, 200-character chunks), as ../shared/design.md gives them.
 */
export const PEER_RECALL = {
  recall_at_1: 0.682,
  recall_at_3: 0.782,
  recall_at_5: 0.809,
  recall_at_10: 0.845,
};

export interface EvalReportInput {
  qa: string;
  collection: string;
  peerMetric: boolean;
  retrieval: RetrievalReport;
  /** With the self-correction loop (the default) and without it, when answers were measured. */
  answers?: { withCorrection: AnswerReport; withoutCorrection: AnswerReport };
  date?: string;
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/** The eval as a markdown page: recall next to the peer's, answers with and without correction. */
export function renderEvalReport(r: EvalReportInput): string {
  const keys = ['recall_at_1', 'recall_at_3', 'recall_at_5', 'recall_at_10'] as const;
  const lines = [
    `# Quarry eval: ${r.qa}`,
    '',
    `Knowledge base \`${r.collection}\`, ${r.date ?? new Date().toISOString()}. Metric: ${
      r.peerMetric ? "llm-universe's (peer-counted items, page hits)" : 'source (and page) hits'
    }, n = ${r.retrieval.n}.`,
    '',
    '## Retrieval',
    '',
    '| | recall@1 | recall@3 | recall@5 | recall@10 |',
    '| --- | --- | --- | --- | --- |',
    `| Quarry (hybrid + phrase reranking) | ${keys.map((k) => f(r.retrieval[k])).join(' | ')} |`,
    `| llm-universe, published (bge-small-zh-v1.5 + Chroma) | ${keys.map((k) => f(PEER_RECALL[k])).join(' | ')} |`,
    `| difference | ${keys.map((k) => (r.retrieval[k] - PEER_RECALL[k] >= 0 ? '+' : '') + f(r.retrieval[k] - PEER_RECALL[k])).join(' | ')} |`,
    '',
    'The published figures are for the pumpkin-book QA set; on another QA file they are context only.',
  ];
  if (r.answers) {
    const row = (name: string, a: AnswerReport) =>
      `| ${name} | ${a.n} | ${f(a.keyphrase_recall)} | ${f(a.abstention_rate)} | ${f(a.false_abstention_rate)} | ${f(a.mean_steps)} |`;
    lines.push(
      '',
      '## Answers, with and without self-correction',
      '',
      '| run | n | keyphrase recall | abstention (unanswerable) | false abstention | mean steps |',
      '| --- | --- | --- | --- | --- | --- |',
      row('with correction (default)', r.answers.withCorrection),
      row('without (one retrieval, one generation)', r.answers.withoutCorrection),
    );
  }
  return `${lines.join('\n')}\n`;
}
