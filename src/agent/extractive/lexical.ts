import { searchTerms, stripQuestionFraming } from '../../knowledge/text-terms';
import type { ChunkTextRef, EngineVectors } from '../chunk-vectors';
import type { Embed } from './options';
import { textView } from './text-views';

/** The distinct terms of a question that say what it is about (framing words removed). */
export function questionTerms(question: string): string[] {
  return [...new Set(searchTerms(stripQuestionFraming(question)))];
}

/** The distinct terms of a text, kept per text (./text-views): shared, never to be changed. */
export function termSet(text: string): ReadonlySet<string> {
  return textView(text).terms;
}

/** Share of `terms` found in `set`; 0 when there are no terms. */
export function coverage(terms: readonly string[], set: ReadonlySet<string>): number {
  if (!terms.length) return 0;
  let found = 0;
  for (const t of terms) if (set.has(t)) found++;
  return found / terms.length;
}

/**
 * A whole word rather than a CJK bigram that straddles two words (索增 in 检索增强): segmenting it
 * again yields only itself.
 */
export function isWholeTerm(term: string): boolean {
  return searchTerms(term).every((t) => t === term);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Text with whitespace and punctuation removed, for duplicate and containment tests. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Cosine similarity of each text to the question, or undefined without an embedder. */
export async function similaritiesTo(
  question: string,
  texts: string[],
  embed?: Embed,
): Promise<number[] | undefined> {
  if (!embed || !texts.length) return undefined;
  const [q, ...rest] = await embed([question, ...texts]);
  return rest.map((v) => cosine(q, v));
}

/**
 * Cosine similarity of each chunk text to the question. With the engine's vectors, a text's
 * vector is the one stored with its chunk at ingestion (or computed once per chunk), so only the
 * question is embedded here.
 */
export async function similaritiesOf(
  question: string,
  items: ChunkTextRef[],
  { embed, vectors }: { embed?: Embed; vectors?: EngineVectors },
): Promise<number[] | undefined> {
  if (!vectors)
    return similaritiesTo(
      question,
      items.map((i) => i.text),
      embed,
    );
  if (!embed || !items.length) return undefined;
  const [q] = await embed([question]);
  return (await vectors.of(items)).map((v) => cosine(q, v));
}

// Scores go into the checkpoint and into exact-output comparisons: keep them short and stable.
export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
