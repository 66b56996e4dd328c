import type { WeaviateClass } from 'weaviate-client';
import { DOCUMENT_COLLECTION, KNOWLEDGE_BASE_COLLECTION } from './names';

/** The one named vector of a chunk collection. */
export const VECTOR_NAME = 'default';

/** How the chunk collections' HNSW graph is built (docs/BENCHMARKS.md, "HNSW recall"). */
export const HNSW_EF_CONSTRUCTION = 256;
export const HNSW_MAX_CONNECTIONS = 64;
/**
 * Search-time ef of the chunk collections: fixed, not dynamic. Weaviate's hybrid search asks its
 * vector side for at least 100 results, so the dynamic ef Quarry had (64 per result, 1024 to 2048)
 * gave hybrid search ef 2048, twice what vector search got: that, not BM25, made hybrid p99 64 ms
 * at 100k chunks. On one 100k collection of the denser graph (docs/BENCHMARKS.md, "HNSW: ef at
 * 100k"), ef 512 keeps recall@10 of the exact top 10 at 0.994 (0.996 at 1024-2048, 0.990 at 384)
 * and gives the same hybrid top 10 as ef 4096 for 97% of queries (overlap 0.999), at 0.62-0.65 of
 * the dynamic setting's hybrid p50, side by side.
 */
export const HNSW_EF = 512;

type WeaviateProperty = NonNullable<WeaviateClass['properties']>[number];
type DataType = 'text' | 'text[]' | 'int' | 'date';

/** A property as Quarry declares it; turned into Weaviate's schema form by `toWeaviateProperty`. */
export interface PropertyDefinition {
  name: string;
  dataType: DataType;
  /** `field` = whole value is one token (exact filters); `whitespace` = Quarry's own terms. */
  tokenization?: 'field' | 'whitespace';
  filterable: boolean;
  searchable: boolean;
}

const keyText = (name: string): PropertyDefinition => ({
  name,
  dataType: 'text',
  tokenization: 'field',
  filterable: true,
  searchable: false,
});
const storedText = (name: string): PropertyDefinition => ({
  name,
  dataType: 'text',
  filterable: false,
  searchable: false,
});
const number = (name: string, filterable = false): PropertyDefinition => ({
  name,
  dataType: 'int',
  filterable,
  searchable: false,
});
const date = (name: string): PropertyDefinition => ({
  name,
  dataType: 'date',
  filterable: false,
  searchable: false,
});

export const KNOWLEDGE_BASE_PROPERTIES: PropertyDefinition[] = [
  keyText('name'),
  keyText('embeddingModel'),
  number('dimensions'),
  number('chunkSize'),
  number('chunkOverlap'),
  date('createdAt'),
  date('lastSyncAt'),
  storedText('description'),
  // Random per create call: tells racing creators which insert landed (Weaviate has no CAS).
  storedText('creationId'),
  // The Weaviate tenant of its documents and chunks (kbDataTenant); empty for knowledge bases
  // created before it existed, whose data lives under kbTenantKey.
  storedText('dataTenant'),
];

export const DOCUMENT_PROPERTIES: PropertyDefinition[] = [
  keyText('source'),
  keyText('docHash'),
  storedText('title'),
  keyText('format'),
  number('pageCount'),
  number('chunkCount'),
  keyText('status'),
  storedText('error'),
  number('bytes'),
  number('textBytes'),
  date('ingestedAt'),
  storedText('metadataJson'),
];

export const CHUNK_PROPERTIES: PropertyDefinition[] = [
  // Returned to readers, never searched: BM25 runs on `terms`, built by Quarry's own analyzer.
  storedText('text'),
  {
    name: 'terms',
    dataType: 'text',
    tokenization: 'whitespace',
    filterable: false,
    searchable: true,
  },
  keyText('source'),
  storedText('title'),
  { name: 'headingPath', dataType: 'text[]', filterable: false, searchable: false },
  number('page', true),
  number('position', true),
  keyText('contentHash'),
  keyText('docHash'),
  {
    name: 'metadataPairs',
    dataType: 'text[]',
    tokenization: 'field',
    filterable: true,
    searchable: false,
  },
  storedText('metadataJson'),
  // The extractive engine's sentence vectors, made at ingestion (src/agent/extractive/engine-vectors).
  storedText('engineVectorsTag'),
  storedText('engineVectors'),
];

export function toWeaviateProperty(p: PropertyDefinition): WeaviateProperty {
  return {
    name: p.name,
    dataType: [p.dataType],
    tokenization: p.dataType.startsWith('text') ? (p.tokenization ?? 'word') : undefined,
    indexFilterable: p.filterable,
    indexSearchable: p.searchable,
  };
}

/** Record collections carry no vectors: `skip` keeps Weaviate from building an index per tenant. */
function recordCollection(
  name: string,
  description: string,
  properties: PropertyDefinition[],
  autoTenantCreation: boolean,
): WeaviateClass {
  return {
    class: name,
    description,
    vectorizer: 'none',
    vectorIndexConfig: { skip: true },
    multiTenancyConfig: { enabled: true, autoTenantCreation, autoTenantActivation: true },
    invertedIndexConfig: { stopwords: { preset: 'none' } },
    properties: properties.map(toWeaviateProperty),
  };
}

export const KNOWLEDGE_BASE_CLASS = recordCollection(
  KNOWLEDGE_BASE_COLLECTION,
  'Quarry knowledge bases; one tenant per Quarry tenant',
  KNOWLEDGE_BASE_PROPERTIES,
  // A Quarry tenant's first knowledge base creates its tenant.
  true,
);

export const DOCUMENT_CLASS = recordCollection(
  DOCUMENT_COLLECTION,
  'Quarry documents; one tenant per knowledge base',
  DOCUMENT_PROPERTIES,
  // Created with the knowledge base, so a write racing a delete fails instead of resurrecting it.
  false,
);

export function chunkClass(
  name: string,
  embeddingModel: string,
  dimensions: number,
): WeaviateClass {
  return {
    class: name,
    description: `Quarry chunks embedded with ${embeddingModel} (${dimensions} dimensions); one tenant per knowledge base`,
    vectorConfig: {
      [VECTOR_NAME]: {
        vectorizer: { none: {} },
        vectorIndexType: 'hnsw',
        // Search-time ef: HNSW_EF for every search, whatever its limit (Weaviate raises it to the
        // limit when the limit is larger). Weaviate's default (dynamic, 100 to 500) left HNSW at
        // 0.77 recall of the exact top 10 at 100k chunks. ef is a query-time knob: StoreSchema
        // gives it to existing collections built with this same graph.
        // The graph itself is built denser than Weaviate's default (efConstruction 128) for the
        // last points of recall. Fixed at creation: only collections created from now on get it.
        vectorIndexConfig: {
          distance: 'cosine',
          efConstruction: HNSW_EF_CONSTRUCTION,
          maxConnections: HNSW_MAX_CONNECTIONS,
          ef: HNSW_EF,
        },
      },
    },
    multiTenancyConfig: { enabled: true, autoTenantCreation: false, autoTenantActivation: true },
    invertedIndexConfig: { stopwords: { preset: 'none' } },
    properties: CHUNK_PROPERTIES.map(toWeaviateProperty),
  };
}
