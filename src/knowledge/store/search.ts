import { Filters, type Collection, type FilterValue } from 'weaviate-client';
import type { ChunkProperties } from './chunks';
import { VECTOR_NAME } from './schema-definitions';
import type { ValidSearch } from './search-request';
import type { SearchFilters, SearchHit } from './types';
import { int, parseMetadata, str, strings, type RawProperties } from './weaviate-values';

const RETURNED: (keyof ChunkProperties)[] = [
  'text',
  'source',
  'title',
  'headingPath',
  'page',
  'position',
  'metadataJson',
];

/** Runs one search over a knowledge base's chunks (a tenant-scoped chunk collection). */
export async function searchChunks(
  chunks: Collection<ChunkProperties>,
  search: ValidSearch,
): Promise<SearchHit[]> {
  const common = {
    limit: search.limit,
    filters: chunkFilters(chunks, search.filters),
    returnProperties: RETURNED,
  };
  if (search.mode === 'keyword') {
    // Weaviate rejects an empty BM25 query; nothing can match it anyway.
    if (!search.terms) return [];
    const result = await chunks.query.bm25(search.terms, {
      ...common,
      queryProperties: ['terms'],
      returnMetadata: ['score'],
    });
    return result.objects.map((o) => {
      const score = o.metadata?.score ?? 0;
      return { ...toHit(o.uuid, o.properties), score, keywordScore: score };
    });
  }
  const vector = search.vector ?? [];
  if (search.mode === 'vector') {
    const result = await chunks.query.nearVector(vector, {
      ...common,
      targetVector: VECTOR_NAME,
      returnMetadata: ['distance'],
    });
    return result.objects.map((o) => {
      const distance = o.metadata?.distance ?? 1;
      return { ...toHit(o.uuid, o.properties), score: 1 - distance, vectorDistance: distance };
    });
  }
  const result = await chunks.query.hybrid(search.terms, {
    ...common,
    vector,
    targetVector: VECTOR_NAME,
    alpha: search.alpha,
    queryProperties: ['terms'],
    fusionType: search.fusion === 'ranked' ? 'Ranked' : 'RelativeScore',
    returnMetadata: ['score', 'explainScore'],
  });
  return result.objects.map((o) => ({
    ...toHit(o.uuid, o.properties),
    score: o.metadata?.score ?? 0,
    ...componentScores(o.metadata?.explainScore ?? ''),
  }));
}

function chunkFilters(
  chunks: Collection<ChunkProperties>,
  filters: SearchFilters | undefined,
): FilterValue | undefined {
  const parts: FilterValue[] = [];
  if (filters?.sources?.length) {
    parts.push(chunks.filter.byProperty('source').containsAny(filters.sources));
  }
  const pairs = Object.entries(filters?.metadata ?? {}).map(([k, v]) => `${k}=${v}`);
  if (pairs.length) parts.push(chunks.filter.byProperty('metadataPairs').containsAll(pairs));
  if (parts.length <= 1) return parts[0];
  return Filters.and(...parts);
}

/**
 * Relative-score fusion explains each side's original score: BM25 for the keyword side, cosine
 * similarity for the vector side. Ranked fusion only reports rank contributions, so nothing here.
 */
function componentScores(explain: string): Pick<SearchHit, 'keywordScore' | 'vectorDistance'> {
  const original = (side: string): number | undefined => {
    const match = new RegExp(`Result Set ${side}[^)]*\\)[^:]*: original score ([-+0-9.eE]+)`).exec(
      explain,
    );
    const value = match ? Number(match[1]) : NaN;
    return Number.isFinite(value) ? value : undefined;
  };
  const keyword = original('keyword');
  const similarity = original('vector');
  return {
    ...(keyword === undefined ? {} : { keywordScore: keyword }),
    ...(similarity === undefined ? {} : { vectorDistance: 1 - similarity }),
  };
}

function toHit(id: string, props: RawProperties): Omit<SearchHit, 'score'> {
  const page = int(props, 'page');
  return {
    id,
    text: str(props, 'text'),
    source: str(props, 'source'),
    title: str(props, 'title'),
    headingPath: strings(props, 'headingPath'),
    page: page < 0 ? null : page,
    position: int(props, 'position'),
    metadata: parseMetadata(str(props, 'metadataJson')),
  };
}
