import type { AnswerReport, AnswerSummary } from './answer-metrics';
import type { ItemRecord, RunRecord } from './item-results';
import { QA_KINDS } from './qa-items';

/** A figure to three decimals; n/a where there was nothing to measure. */
export const f = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(3);

/** A length in characters; n/a where every answer was an abstention. */
export const chars = (x: number | null | undefined) =>
  x === null || x === undefined ? 'n/a' : String(Math.round(x));

/** One row per kind and setting: the figures a per-kind comparison needs. */
export function answerKindTable(a: {
  withCorrection: AnswerReport;
  withoutCorrection: AnswerReport;
}): string[] {
  const row = (kind: string, run: string, s: AnswerSummary) =>
    `| ${kind} | ${run} | ${s.n} | ${f(s.keyphrase_recall)} | ${f(s.abstention_rate)} | ${f(s.false_abstention_rate)} | ${f(s.mean_steps)} | ${chars(s.median_answer_chars)} |`;
  const lines = [
    '| kind | run | n | keyphrase recall | abstention (unanswerable) | false abstention | mean steps | answer length (median chars) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const kind of QA_KINDS) {
    const w = a.withCorrection.by_kind[kind];
    const wo = a.withoutCorrection.by_kind[kind];
    if (w) lines.push(row(kind, 'with', w));
    if (wo) lines.push(row(kind, 'without', wo));
  }
  return lines;
}

/** What the loop did to the answers: changed, fixed, broke, per kind. */
export function correctionEffect(items: ItemRecord[]): string[] {
  const both = items.filter((i) => i.with_correction && i.without_correction);
  const count = (of: ItemRecord[], p: (w: RunRecord, wo: RunRecord) => boolean) =>
    of.filter((i) => p(i.with_correction!, i.without_correction!)).length;
  const lines = [
    '### What self-correction changed',
    '',
    '| kind | n | answer changed | miss → correct | correct → miss |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const kind of [...QA_KINDS, 'all'] as const) {
    const of = kind === 'all' ? both : both.filter((i) => i.kind === kind);
    if (!of.length) continue;
    lines.push(
      `| ${kind} | ${of.length} | ${count(of, (w) => w.changed_by_correction === true)} | ${count(
        of,
        (w, wo) => w.correct && !wo.correct,
      )} | ${count(of, (w, wo) => !w.correct && wo.correct)} |`,
    );
  }
  return lines;
}

const oneLine = (s: string, max = 400) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

function why(i: ItemRecord, r: RunRecord): string {
  if (r.error) return `task did not complete: ${oneLine(r.error, 200)}`;
  const parts: string[] = [];
  if (!i.answerable) parts.push('expected an abstention, got an answer');
  else if (r.abstained) parts.push('abstained');
  if (i.answerable && r.keyphrases_missed.length)
    parts.push(`missed ${r.keyphrases_missed.map((k) => `\`${k}\``).join(', ')}`);
  if (i.answerable) {
    parts.push(`retrieval rank ${i.retrieval_rank ?? '>10'}`);
    parts.push(
      r.evidence
        ? `agent held a relevant chunk at ${r.evidence.position} (graded ${r.evidence.graded_relevant ? 'relevant' : 'irrelevant'})`
        : 'agent held no relevant chunk',
    );
    parts.push(`cited a relevant passage: ${r.cited_relevant ? 'yes' : 'no'}`);
  }
  parts.push(`${r.steps} steps`);
  return parts.join('; ');
}

/** Every miss, grouped by kind, with its answer and why it missed (the with-correction run first). */
export function missesByKind(items: ItemRecord[]): string[] {
  const run = (i: ItemRecord) => i.with_correction ?? i.without_correction;
  const setting = items.some((i) => i.with_correction) ? 'with correction' : 'without correction';
  const lines = [`## Misses by kind (${setting})`];
  for (const kind of QA_KINDS) {
    const of = items.filter((i) => i.kind === kind && run(i));
    const misses = of.filter((i) => !run(i)!.correct);
    if (!of.length) continue;
    lines.push('', `### ${kind}: ${misses.length} of ${of.length}`);
    for (const i of misses) {
      const r = run(i)!;
      lines.push('', `- **${i.id}** ${oneLine(i.question, 200)}`, `  - ${why(i, r)}`);
      lines.push(`  - answer: ${oneLine(r.answer) || '(empty)'}`);
      if (i.with_correction && i.without_correction) {
        const wo = i.without_correction;
        lines.push(
          `  - without correction: ${wo.correct ? 'correct' : 'a miss too'}${
            r.changed_by_correction ? `: ${oneLine(wo.answer, 200)}` : ' (same answer)'
          }`,
        );
      }
    }
  }
  return lines;
}
