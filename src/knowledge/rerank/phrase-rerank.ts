import { stripQuestionFraming } from '../text-terms';
import { LruCache } from '../embeddings/lru-cache';
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
  const queryUnitSet = new Set(queryUnits);
  const top = Math.max(0, ...hits.map((h) => h.score));
  const scored = hits.map((hit, rank) => {
    const at = positionsOf(unitsOfText(hit.text), queryUnitSet);
    const overlaps = phrases.map((grams) => shareFound(grams, at));
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

/**
 * Passages' units by text: the same chunks come back search after search (every step of a task
 * that retrieves again, every task about a popular page), and splitting them was the reranker's
 * largest cost in a CPU profile of tasks at concurrency 10.
 */
const textUnits = new LruCache<string, readonly string[]>(1000);

function unitsOfText(text: string): readonly string[] {
  let found = textUnits.get(text);
  if (!found) textUnits.set(text, (found = units(text)));
  return found;
}

function ngrams(items: readonly string[], n: number): string[][] {
  const grams: string[][] = [];
  for (let i = 0; i + n <= items.length; i++) grams.push(items.slice(i, i + n));
  return grams;
}

/** The text's units (only those the query has) with where each occurs, and the text itself. */
interface Positions {
  text: readonly string[];
  of: Map<string, number[]>;
}

function positionsOf(text: readonly string[], wanted: Set<string>): Positions {
  const of = new Map<string, number[]>();
  text.forEach((unit, i) => {
    if (!wanted.has(unit)) return;
    const list = of.get(unit);
    if (list) list.push(i);
    else of.set(unit, [i]);
  });
  return { text, of };
}

/** Share of the query's n-grams (repeats counted) that occur verbatim in the text. */
function shareFound(grams: readonly string[][], { text, of }: Positions): number {
  if (grams.length === 0) return 0;
  let found = 0;
  for (const gram of grams) {
    const starts = of.get(gram[0]) ?? [];
    if (starts.some((i) => gram.every((unit, k) => text[i + k] === unit))) found++;
  }
  return found / grams.length;
}
