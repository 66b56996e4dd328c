import { stripQuestionFraming, termsString } from '../text-terms';
import { EmbeddingModelMismatchError, InvalidStoreRequestError } from './errors';
import type { FusionType, KnowledgeBase, SearchFilters, SearchMode, SearchRequest } from './types';

export const DEFAULT_SEARCH_LIMIT = 10;
/**
 * Weight of the vector side in hybrid search. Chosen on the pumpkin-book set and our development
 * set (bench/qa/quarry-dev.jsonl) together (docs/BENCHMARKS.md): keyword evidence is the stronger
 * signal on Chinese technical text.
 */
export const DEFAULT_ALPHA = 0.3;
export const MAX_SEARCH_LIMIT = 100;

const MODES: readonly SearchMode[] = ['hybrid', 'keyword', 'vector'];
const FUSIONS: readonly FusionType[] = ['relative', 'ranked'];

export interface ValidSearch {
  mode: SearchMode;
  /** The query as BM25 terms (may be empty: a query of only stopwords and punctuation). */
  terms: string;
  vector: number[] | undefined;
  alpha: number;
  limit: number;
  fusion: FusionType;
  filters: SearchFilters | undefined;
}

export function validateSearch(request: SearchRequest): ValidSearch {
  // Requests come from HTTP bodies too: check the unions, not only the numbers.
  if (!MODES.includes(request.mode)) {
    throw new InvalidStoreRequestError(`mode must be one of ${MODES.join(', ')}`);
  }
  if (request.fusion !== undefined && !FUSIONS.includes(request.fusion)) {
    throw new InvalidStoreRequestError(`fusion must be one of ${FUSIONS.join(', ')}`);
  }
  const alpha = request.alpha ?? DEFAULT_ALPHA;
  const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isFinite(alpha) || alpha < 0 || alpha > 1) {
    throw new InvalidStoreRequestError('alpha must be between 0 and 1');
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new InvalidStoreRequestError(`limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
  }
  if (request.mode !== 'keyword' && !request.queryVector) {
    // Bring-your-own vectors: Weaviate has no vectorizer to embed the query itself.
    throw new InvalidStoreRequestError(`${request.mode} search needs the query's vector`);
  }
  return {
    mode: request.mode,
    terms: termsString(stripQuestionFraming(request.query)),
    vector: request.queryVector,
    alpha,
    limit,
    fusion: request.fusion ?? 'relative',
    filters: request.filters,
  };
}

/** A query vector must come from the knowledge base's model: other vectors rank nonsense. */
export function checkQueryVector(kb: KnowledgeBase, request: SearchRequest): void {
  const vector = request.queryVector;
  const wrongModel = request.queryModel !== undefined && request.queryModel !== kb.embeddingModel;
  if (vector && (wrongModel || vector.length !== kb.dimensions)) {
    throw new EmbeddingModelMismatchError(
      kb.name,
      { model: kb.embeddingModel, dimensions: kb.dimensions },
      { model: request.queryModel, dimensions: vector.length },
    );
  }
}
