export { phraseRerank, RERANK_POOL, type RerankedHit } from './phrase-rerank';
