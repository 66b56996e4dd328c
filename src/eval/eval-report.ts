import type { AnswerReport } from './answer-metrics';
import { answerKindTable, chars, correctionEffect, f, missesByKind } from './eval-report-answers';
import type { ItemRecord } from './item-results';
import type { QaKind } from './qa-items';
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
  retrievalByKind?: Partial<Record<QaKind, RetrievalReport>>;
  /** With the self-correction loop (the default) and without it, when answers were measured. */
  answers?: { withCorrection: AnswerReport; withoutCorrection: AnswerReport };
  /** Per-item results, for the misses. */
  items?: ItemRecord[];
  date?: string;
}

const KEYS = ['recall_at_1', 'recall_at_3', 'recall_at_5', 'recall_at_10'] as const;

function retrievalLines(r: EvalReportInput): string[] {
  const lines = [
    '## Retrieval',
    '',
    '| | recall@1 | recall@3 | recall@5 | recall@10 |',
    '| --- | --- | --- | --- | --- |',
    `| Quarry (hybrid + phrase reranking) | ${KEYS.map((k) => f(r.retrieval[k])).join(' | ')} |`,
    `| llm-universe, published (bge-small-zh-v1.5 + Chroma) | ${KEYS.map((k) => f(PEER_RECALL[k])).join(' | ')} |`,
    `| difference | ${KEYS.map((k) => (r.retrieval[k] - PEER_RECALL[k] >= 0 ? '+' : '') + f(r.retrieval[k] - PEER_RECALL[k])).join(' | ')} |`,
    '',
    'The published figures are for the pumpkin-book QA set; on another QA file they are context only.',
  ];
  const kinds = Object.entries(r.retrievalByKind ?? {});
  if (kinds.length > 1) {
    lines.push(
      '',
      '### Retrieval by kind of question',
      '',
      '| kind | n | recall@1 | recall@3 | recall@5 | recall@10 |',
      '| --- | --- | --- | --- | --- | --- |',
      ...kinds.map(([kind, k]) => `| ${kind} | ${k.n} | ${KEYS.map((x) => f(k[x])).join(' | ')} |`),
    );
  }
  return lines;
}

function answerLines(a: NonNullable<EvalReportInput['answers']>): string[] {
  const row = (name: string, s: AnswerReport) =>
    `| ${name} | ${s.n} | ${f(s.keyphrase_recall)} | ${f(s.abstention_rate)} | ${f(s.false_abstention_rate)} | ${f(s.mean_steps)} | ${chars(s.median_answer_chars)} |`;
  const ratio =
    a.withCorrection.mean_steps && a.withoutCorrection.mean_steps
      ? a.withCorrection.mean_steps / a.withoutCorrection.mean_steps
      : null;
  const errors = a.withCorrection.errors + a.withoutCorrection.errors;
  return [
    '',
    '## Answers, with and without self-correction',
    '',
    '| run | n | keyphrase recall | abstention (unanswerable) | false abstention | mean steps | answer length (median chars) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('with correction (default)', a.withCorrection),
    row('without (one retrieval, one generation)', a.withoutCorrection),
    '',
    `Steps with correction / without: ${ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`}.` +
      (errors ? ` ${errors} task(s) did not complete; they count as misses.` : ''),
    '',
    '### Answers by kind of question',
    '',
    ...answerKindTable(a),
  ];
}

/** The eval as a markdown page: recall next to the peer's, answers with and without correction. */
export function renderEvalReport(r: EvalReportInput): string {
  const lines = [
    `# Quarry eval: ${r.qa}`,
    '',
    `Knowledge base \`${r.collection}\`, ${r.date ?? new Date().toISOString()}. Metric: ${
      r.peerMetric ? "llm-universe's (peer-counted items, page hits)" : 'source (and page) hits'
    }, n = ${r.retrieval.n}.`,
    '',
    ...retrievalLines(r),
  ];
  if (r.answers) lines.push(...answerLines(r.answers));
  if (r.items?.some((i) => i.with_correction && i.without_correction))
    lines.push('', ...correctionEffect(r.items));
  if (r.items?.length) lines.push('', ...missesByKind(r.items));
  return `${lines.join('\n')}\n`;
}
