import { QA_KINDS, type QaItem, type QaKind } from './qa-items';

/** One question answered through a task, as the eval saw it. */
export interface AnsweredItem {
  item: QaItem;
  answer: string;
  abstained: boolean;
  /** Number of agent steps (activities) the task ran. */
  steps: number;
  /** Node of each step, in order, when known. */
  path?: string[];
  /** Where the answer's citations point. */
  cited?: { source: string; page: number | null }[];
  /** The chunks the agent held last, in its order, with its relevance grades. */
  held?: { source: string; page: number | null; relevant: boolean }[];
  /** What the agent said it could not find. */
  missing?: string[];
  /** Set when the task did not complete: the item counts as answered wrongly. */
  error?: string;
}

/**
 * Figures over a set of answered items; null where there is nothing to measure (no keyphrases, no
 * unanswerable items…), which reports print as n/a rather than a misleading 0.
 */
export interface AnswerSummary {
  n: number;
  /** Mean share of keyphrases found, over answerable items that have keyphrases. */
  keyphrase_recall: number | null;
  /** Share of unanswerable items the agent abstained on. */
  abstention_rate: number | null;
  /** Share of answerable items the agent abstained on. */
  false_abstention_rate: number | null;
  mean_steps: number | null;
  /**
   * Median length in characters of the answers that are not abstentions: keyphrase recall alone
   * rewards quoting more text, so the length a reader has to get through is reported beside it.
   */
  median_answer_chars: number | null;
  /** Tasks that failed or never finished. */
  errors: number;
}

export interface AnswerReport extends AnswerSummary {
  by_kind: Partial<Record<QaKind, AnswerSummary>>;
}

// Compatibility forms are the same letter: Quarry's cleaning writes the PDF's ϵ as ε and a
// full-width Ａ as A, so an answer quoting the cleaned text holds a keyphrase copied from the raw one.
const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Which of an item's keyphrases the answer contains, whitespace and case ignored. */
export function keyphraseMatch(item: QaItem, answer: string): { hit: string[]; missed: string[] } {
  const a = squash(answer);
  const hit = item.keyphrases.filter((k) => a.includes(squash(k)));
  return { hit, missed: item.keyphrases.filter((k) => !hit.includes(k)) };
}

/** Share of an item's keyphrases the answer contains; null when the item has none. */
export function keyphraseHit(item: QaItem, answer: string): number | null {
  if (item.keyphrases.length === 0) return null;
  return keyphraseMatch(item, answer).hit.length / item.keyphrases.length;
}

export function mean(xs: number[]): number | null {
  return xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : round((sorted[mid - 1] + sorted[mid]) / 2);
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function answerSummary(results: AnsweredItem[]): AnswerSummary {
  const answerable = results.filter((r) => r.item.answerable);
  const unanswerable = results.filter((r) => !r.item.answerable);
  const recalls = answerable
    .map((r) => keyphraseHit(r.item, r.abstained ? '' : r.answer))
    .filter((x): x is number => x !== null);
  return {
    n: results.length,
    keyphrase_recall: mean(recalls),
    abstention_rate: mean(unanswerable.map((r) => (r.abstained ? 1 : 0))),
    false_abstention_rate: mean(answerable.map((r) => (r.abstained ? 1 : 0))),
    mean_steps: mean(results.filter((r) => !r.error).map((r) => r.steps)),
    median_answer_chars: median(
      results.filter((r) => !r.abstained && !r.error).map((r) => [...r.answer.trim()].length),
    ),
    errors: results.filter((r) => r.error).length,
  };
}

/** The summary over all items and per kind (kinds in a fixed order, only those present). */
export function answerReport(results: AnsweredItem[]): AnswerReport {
  const by_kind: AnswerReport['by_kind'] = {};
  for (const kind of QA_KINDS) {
    const of = results.filter((r) => r.item.kind === kind);
    if (of.length) by_kind[kind] = answerSummary(of);
  }
  return { ...answerSummary(results), by_kind };
}
