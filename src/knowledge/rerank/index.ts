export { phraseRerank, RERANK_POOL, type RerankedHit } from './phrase-rerank';
export {
  englishGlossQuery,
  fuseByRank,
  FUSION_RANK_OFFSET,
  GLOSS_VECTOR_WEIGHT,
} from './gloss-fusion';
