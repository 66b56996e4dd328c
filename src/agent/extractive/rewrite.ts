import { searchTerms, stripQuestionFraming } from '../../knowledge/text-terms';
import type { Grades, RetrievedChunk } from '../types';
import { isWholeTerm, questionTerms, termSet } from './lexical';

/**
 * Expands the question with the most distinctive terms of the best-graded chunks: frequent in
 * those chunks, rare across everything retrieved, and not already in the question or an earlier
 * query. Without new terms it falls back to the bare keywords of the question.
 */
export function expandQuery(
  question: string,
  previousQueries: string[],
  chunks: RetrievedChunk[],
  grades: Grades,
  count: number,
): string {
  const base = stripQuestionFraming(question).replace(/[\s?？!！。.]+$/u, '');
  const known = new Set([...questionTerms(question), ...previousQueries.flatMap(searchTerms)]);
  const ranked = [...chunks].sort(
    (a, b) => (grades[b.id]?.score ?? 0) - (grades[a.id]?.score ?? 0) || b.score - a.score,
  );
  const best = ranked.slice(0, 2);
  const df = new Map<string, number>();
  for (const chunk of chunks) for (const t of termSet(chunk.text)) df.set(t, (df.get(t) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const chunk of best) {
    for (const t of searchTerms(chunk.text)) {
      if (known.has(t) || !distinctive(t)) continue;
      weight.set(t, (weight.get(t) ?? 0) + Math.log(1 + chunks.length / (df.get(t) ?? 1)));
    }
  }
  const added = [...weight.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([t]) => t);
  if (added.length) return `${base} ${added.join(' ')}`;
  const keywords = questionTerms(question).filter(isWholeTerm).join(' ');
  return previousQueries.includes(base) && keywords ? keywords : base;
}

function distinctive(term: string): boolean {
  if (/^\d+$/.test(term)) return false;
  if (/\p{Script=Han}/u.test(term)) return term.length >= 2 && isWholeTerm(term);
  return term.length >= 3;
}
