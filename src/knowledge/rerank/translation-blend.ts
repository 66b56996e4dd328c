import { englishConcepts } from '../text-terms';

/**
 * Share of an English question's Chinese rendering in the hybrid search's query vector (the rest
 * is the question's own embedding). Half: the rendering pulls the vector towards the Chinese
 * passage that answers the question, while the question's own half keeps English passages within
 * reach. Chosen on the seven development sets together (docs/BENCHMARKS.md): English questions
 * over Chinese passages gain at 3 and 5, every other question keeps its recall at 1, 3, 5 and 10;
 * 0.4 and 0.6 gave about the same, 0.7 and a rendering alone cost English-passage questions.
 */
export const TRANSLATION_VECTOR_SHARE = 0.5;

/**
 * An English question said in the dictionary's Chinese, word by word in its order ("Which
 * organisations jointly developed GLM" → "组织 机关 共同 联名 … GLM"): phrases and words become
 * their Chinese words (CC-CEDICT, the two most common), words the dictionary lacks (names,
 * identifiers) stay as written. Empty for a question with Han characters or with nothing
 * translated. Why: bge-small-zh places an English question among English passages, so its vector
 * hardly ever reaches a Chinese answer; the rendering, ungrammatical as it is, lies near it.
 */
export function chineseRendering(query: string): string {
  const concepts = englishConcepts(query);
  if (!concepts.some((c) => c.chinese.length)) return '';
  return concepts.map((c) => (c.chinese.length ? c.chinese.join(' ') : c.english)).join(' ');
}

/**
 * The unit-length weighted mean of two query vectors: `share` of the second, the rest of the
 * first. Both are unit vectors from one model, so their mean lies between them in cosine terms
 * too; one search with it costs no more than the search it replaces.
 */
export function blendVectors(first: number[], second: number[], share: number): number[] {
  if (first.length !== second.length) {
    throw new Error(`cannot blend vectors of ${first.length} and ${second.length} dimensions`);
  }
  const mixed = first.map((x, i) => (1 - share) * x + share * second[i]);
  const norm = Math.hypot(...mixed);
  return norm > 0 ? mixed.map((x) => x / norm) : mixed;
}
