import type { QaItem } from './qa-items';

export interface AnsweredItem {
  item: QaItem;
  answer: string;
  abstained: boolean;
  steps: number;
}

export interface AnswerReport {
  n: number;
  keyphrase_recall: number;
  abstention_rate: number;
  false_abstention_rate: number;
  mean_steps: number;
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Share of an item's keyphrases the answer contains, whitespace and case ignored. */
export function keyphraseHit(item: QaItem, answer: string): number {
  if (item.keyphrases.length === 0) return 0;
  const a = squash(answer);
  return item.keyphrases.filter((k) => a.includes(squash(k))).length / item.keyphrases.length;
}

/**
 * keyphrase_recall: mean share of keyphrases found, over answerable items that have keyphrases;
 * abstention_rate: over unanswerable items; false_abstention_rate: over answerable ones.
 */
export function answerReport(results: AnsweredItem[]): AnswerReport {
  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : 0;
  const answerable = results.filter((r) => r.item.answerable);
  const unanswerable = results.filter((r) => !r.item.answerable);
  return {
    n: results.length,
    keyphrase_recall: mean(
      answerable
        .filter((r) => r.item.keyphrases.length > 0)
        .map((r) => keyphraseHit(r.item, r.answer)),
    ),
    abstention_rate: mean(unanswerable.map((r) => (r.abstained ? 1 : 0))),
    false_abstention_rate: mean(answerable.map((r) => (r.abstained ? 1 : 0))),
    mean_steps: mean(results.map((r) => r.steps)),
  };
}
