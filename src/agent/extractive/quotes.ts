import { splitSentences } from '../../knowledge/chunking/sentences';
import { coverage, termSet } from './lexical';
import type { RetrievedChunk } from '../types';

/**
 * The sentence of `chunk` that shares the most terms with `claim`: the span a reader checks the
 * claim against. The chunk's first sentence when nothing overlaps.
 */
export function bestQuote(chunk: RetrievedChunk, claim: string): string {
  const sentences = splitSentences(chunk.text);
  const terms = [...termSet(claim)];
  let best = sentences[0] ?? chunk.text;
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = coverage(terms, termSet(sentence));
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best.trim();
}
