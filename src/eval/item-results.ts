import { keyphraseHit, keyphraseMatch, type AnsweredItem } from './answer-metrics';
import type { QaItem, QaKind } from './qa-items';
import { isRelevantHit } from './retrieval-metrics';

/** One question's outcome in one setting (with or without the self-correction loop). */
export interface RunRecord {
  answer: string;
  /** Length of the answer in characters. */
  answer_chars: number;
  abstained: boolean;
  keyphrases_hit: string[];
  keyphrases_missed: string[];
  keyphrase_recall: number | null;
  /**
   * Answerable: answered (no abstention, no error) with every keyphrase. Unanswerable: abstained.
   * Everything else is a miss.
   */
  correct: boolean;
  steps: number;
  path: string[];
  generations: number;
  /**
   * The step (1-based index and node) after which the final answer text existed: `finalize` for an
   * abstention; otherwise the first `generate` when the loop did not change the answer (it equals
   * the no-correction answer), else the last one. The API does not expose intermediate drafts, so
   * between several later generations the last is named.
   */
  answer_step: { index: number; node: string } | null;
  /** With correction only: whether the answer differs from the same question's no-correction answer. */
  changed_by_correction: boolean | null;
  /** Among the chunks the agent held last: the first from a passage that answers (1-based) and its grade. */
  evidence: { position: number; graded_relevant: boolean } | null;
  /** Whether some citation points at a passage that answers; null for unanswerable items. */
  cited_relevant: boolean | null;
  missing: string[];
  error: string | null;
}

export interface ItemRecord {
  id: string;
  question: string;
  kind: QaKind;
  lang: string;
  answerable: boolean;
  keyphrases: string[];
  reference_answer: string | null;
  /** 1-based rank of the first chunk from a relevant passage in a plain search (top 10), or null. */
  retrieval_rank: number | null;
  with_correction?: RunRecord;
  without_correction?: RunRecord;
}

function answerStep(a: AnsweredItem, sameAsWithout: boolean | null): RunRecord['answer_step'] {
  const path = a.path ?? [];
  const at = (i: number) => (i >= 0 ? { index: i + 1, node: path[i] } : null);
  if (a.error) return null;
  if (a.abstained) return at(path.lastIndexOf('finalize'));
  return sameAsWithout ? at(path.indexOf('generate')) : at(path.lastIndexOf('generate'));
}

/** The record of one answered item; `without` is the same item's no-correction run, if any. */
export function runRecord(a: AnsweredItem, without?: AnsweredItem): RunRecord {
  const answered = a.abstained || a.error ? '' : a.answer;
  const { hit, missed } = keyphraseMatch(a.item, answered);
  const sameAsWithout = without ? without.answer.trim() === a.answer.trim() : null;
  const evidence = (a.held ?? []).findIndex((c) => isRelevantHit(a.item, c));
  return {
    answer: a.answer,
    answer_chars: [...a.answer.trim()].length,
    abstained: a.abstained,
    keyphrases_hit: hit,
    keyphrases_missed: missed,
    keyphrase_recall: keyphraseHit(a.item, answered),
    correct: a.item.answerable
      ? !a.abstained && !a.error && missed.length === 0
      : a.abstained && !a.error,
    steps: a.steps,
    path: a.path ?? [],
    generations: (a.path ?? []).filter((n) => n === 'generate').length,
    answer_step: answerStep(a, sameAsWithout),
    changed_by_correction: sameAsWithout === null ? null : !sameAsWithout,
    evidence:
      evidence < 0
        ? null
        : { position: evidence + 1, graded_relevant: a.held?.[evidence]?.relevant ?? false },
    cited_relevant: a.item.answerable
      ? (a.cited ?? []).some((c) => isRelevantHit(a.item, c))
      : null,
    missing: a.missing ?? [],
    error: a.error ?? null,
  };
}

/** Per-item records in the QA file's order, joining the retrieval pass and both answer runs. */
export function itemRecords(
  items: QaItem[],
  ranks: Map<string, number | null>,
  runs: { withCorrection?: AnsweredItem[]; withoutCorrection?: AnsweredItem[] },
): ItemRecord[] {
  const byItem = (list?: AnsweredItem[]) => new Map((list ?? []).map((a) => [a.item, a]));
  const withC = byItem(runs.withCorrection);
  const withoutC = byItem(runs.withoutCorrection);
  return items.map((item) => {
    const w = withC.get(item);
    const wo = withoutC.get(item);
    return {
      id: item.id,
      question: item.question,
      kind: item.kind,
      lang: item.lang,
      answerable: item.answerable,
      keyphrases: item.keyphrases,
      reference_answer: item.reference_answer ?? null,
      retrieval_rank: ranks.get(item.id) ?? null,
      ...(w ? { with_correction: runRecord(w, wo) } : {}),
      ...(wo ? { without_correction: runRecord(wo) } : {}),
    };
  });
}
