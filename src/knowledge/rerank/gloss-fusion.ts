import { englishTermsFor } from '../text-terms';
import type { SearchHit } from '../store';

/**
 * Weight of the glosses' vector search next to the hybrid search in the rank fusion, and the
 * fusion's rank offset. A smaller offset keeps the hybrid search's first places first; the weight
 * below one keeps the hybrid order wherever the two lists disagree about the same ranks. Chosen on
 * the six development sets together (docs/BENCHMARKS.md): Chinese questions over English passages
 * gain at 5 and 10 while the other questions keep their recall at 3, 5 and 10.
 */
export const GLOSS_VECTOR_WEIGHT = 0.7;
export const FUSION_RANK_OFFSET = 20;

/**
 * The English pseudo-query of a Chinese question for the vector side: the dictionary's glosses of
 * its content words ("日志默认是什么级别" → "journal log default … level grade"). Empty for a
 * question without Han characters or without a glossed word. Why: the question's own Chinese words
 * pull its vector towards Chinese passages (and its BM25 terms match Chinese chapters), so an
 * answer written in English ranks below Chinese lookalikes; the glosses' vector sits among English
 * passages, where the dictionary's first senses, though not the page's words, are close enough in
 * meaning.
 */
export function englishGlossQuery(query: string): string {
  return englishTermsFor(query).join(' ');
}

/**
 * Weighted reciprocal-rank fusion of ranked hit lists: each list adds weight / (offset + rank) to
 * its hits, and a hit's score is the sum. Ranks, not scores: a BM25-heavy hybrid score and a cosine
 * similarity are not on one scale. Ties keep the earlier list's order.
 */
export function fuseByRank(
  lists: { hits: SearchHit[]; weight: number }[],
  offset = FUSION_RANK_OFFSET,
): SearchHit[] {
  const fused = new Map<string, { hit: SearchHit; score: number; order: number }>();
  for (const { hits, weight } of lists) {
    hits.forEach((hit, i) => {
      const add = weight / (offset + i + 1);
      const seen = fused.get(hit.id);
      if (seen) seen.score += add;
      else fused.set(hit.id, { hit, score: add, order: fused.size });
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ hit, score }) => ({ ...hit, score }));
}
