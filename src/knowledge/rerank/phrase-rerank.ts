import { stripQuestionFraming } from '../text-terms';
import type { SearchHit } from '../store';

/**
 * How many first-stage hits the reranker looks at. Past ~30 the right passage is almost always
 * already among them (docs/BENCHMARKS.md), and every extra candidate is one more chance for a
 * lookalike to be promoted.
 */
export const RERANK_POOL = 30;

/**
 * Weight of the first-stage score (scaled to the best hit's) next to the phrase score. Half: a
 * verbatim phrase decides between close candidates, while a paraphrased question (no phrase in
 * common with anything) keeps the first stage's ranking. Chosen so that neither the pumpkin-book
 * set nor our development set (bench/qa/quarry-dev.jsonl) loses at any k (docs/BENCHMARKS.md).
 */
const FIRST_STAGE_WEIGHT = 0.5;

/** Phrase lengths, in units (a CJK character, a word, a symbol), whose presence is counted. */
const PHRASE_LENGTHS = [3, 4] as const;

export interface RerankedHit extends SearchHit {
  /** The hit's score from hybrid, keyword or vector search, before reranking. */
  firstStageScore: number;
  /** Share of the query's 3- and 4-unit phrases found verbatim in the passage (0-1). */
  phraseScore: number;
}

/**
 * Second-stage ranking by phrase overlap. BM25 scores terms one by one, so a passage that repeats a
 * few common terms beats the one that says the query's phrases ("式 (5.14) 的推导") in order; dense
 * vectors blur exactly those formula numbers and names. Counting the query's n-grams that occur
 * verbatim in the passage restores that signal without a cross-encoder model. The units are CJK
 * characters, whole words and symbols, with whitespace ignored: PDF spacing does not matter, and
 * English letters do not make chance matches the way character n-grams of words would. Ties keep
 * the first stage's order.
 */
export function phraseRerank(query: string, hits: SearchHit[], limit: number): RerankedHit[] {
  const queryUnits = units(stripQuestionFraming(query));
  const phrases = PHRASE_LENGTHS.map((n) => ngrams(queryUnits, n));
  const top = Math.max(0, ...hits.map((h) => h.score));
  const scored = hits.map((hit, rank) => {
    const textUnits = units(hit.text);
    const overlaps = PHRASE_LENGTHS.map((n, i) =>
      shareFound(phrases[i], new Set(ngrams(textUnits, n))),
    );
    const phraseScore = overlaps.reduce((a, b) => a + b, 0) / overlaps.length;
    const firstStage = top > 0 ? hit.score / top : 0;
    const score = phraseScore + FIRST_STAGE_WEIGHT * firstStage;
    return { hit: { ...hit, score, firstStageScore: hit.score, phraseScore }, rank };
  });
  scored.sort((a, b) => b.hit.score - a.hit.score || a.rank - b.rank);
  return scored.slice(0, limit).map((s) => s.hit);
}

/** A CJK character, a run of letters or digits, or one other non-space symbol. */
const UNIT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

function units(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(UNIT) ?? [];
}

function ngrams(items: string[], n: number): string[] {
  const grams: string[] = [];
  for (let i = 0; i + n <= items.length; i++) grams.push(items.slice(i, i + n).join('\u0001'));
  return grams;
}

function shareFound(grams: string[], present: Set<string>): number {
  if (grams.length === 0) return 0;
  let found = 0;
  for (const gram of grams) if (present.has(gram)) found++;
  return found / grams.length;
}
