import type { Chunk, DocumentFormat } from '../types';

export type MetadataValue = string | number | boolean;

export interface KnowledgeBaseInput {
  name: string;
  /** Stable embedder id, e.g. `bge-small-zh-v1.5`; vectors from any other model are refused. */
  embeddingModel: string;
  dimensions: number;
  chunkSize: number;
  chunkOverlap: number;
  description?: string;
}

export interface KnowledgeBase {
  name: string;
  embeddingModel: string;
  dimensions: number;
  chunkSize: number;
  chunkOverlap: number;
  description: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, null until the first sync finished. */
  lastSyncAt: string | null;
}

export interface KnowledgeBaseDescription extends KnowledgeBase {
  documents: { total: number; indexed: number; failed: number };
  chunks: number;
  /** Bytes of the indexed source files as uploaded. */
  sourceBytes: number;
  /** Approximate UTF-8 bytes of chunk text (overlaps counted twice). */
  textBytes: number;
}

/** What the ingestion knows about a file whose chunks are being written. */
export interface DocumentInput {
  source: string;
  /** Hash of the file's bytes: sync compares it to skip unchanged files. */
  docHash: string;
  title: string;
  format: DocumentFormat;
  pageCount: number;
  bytes: number;
  metadata: Record<string, MetadataValue>;
  /** The embedder that produced the vectors; must equal the knowledge base's. */
  embeddingModel: string;
}

export type DocumentStatus = 'indexed' | 'failed';

export interface StoredDocument {
  source: string;
  /** Empty for failed documents, so a sync always retries them. */
  docHash: string;
  title: string;
  format: DocumentFormat | null;
  pageCount: number;
  chunkCount: number;
  status: DocumentStatus;
  error: string | null;
  bytes: number;
  textBytes: number;
  /** ISO 8601. */
  ingestedAt: string;
  metadata: Record<string, MetadataValue>;
}

export interface DocumentPage {
  documents: StoredDocument[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface UpsertResult {
  /** Ids of all the document's chunks, in chunk order. */
  chunkIds: string[];
  /** Chunks written by this call (0 when the same file was ingested before). */
  inserted: number;
  /** Stale chunks of an earlier version removed by this call. */
  deleted: number;
}

export type SearchMode = 'hybrid' | 'keyword' | 'vector';
export type FusionType = 'relative' | 'ranked';

export interface SearchFilters {
  /** Only chunks from these sources (an empty list does not filter). */
  sources?: string[];
  /** Only chunks whose metadata holds every one of these key/value pairs. */
  metadata?: Record<string, string>;
}

export interface SearchRequest {
  query: string;
  /** The query's embedding (bring-your-own vectors); required for hybrid and vector modes. */
  queryVector?: number[];
  /** The embedder that produced `queryVector`; checked against the knowledge base when given. */
  queryModel?: string;
  mode: SearchMode;
  /** Weight of the vector side in hybrid search, 0 (keyword only) to 1 (vector only); default DEFAULT_ALPHA (0.3). */
  alpha?: number;
  /** 1-100, default 10. */
  limit?: number;
  filters?: SearchFilters;
  /** How hybrid search fuses its two rankings; default relative. */
  fusion?: FusionType;
}

/** A stored chunk as search returns it: the chunk's own fields plus its id and scores. */
export interface SearchHit extends Pick<
  Chunk,
  'text' | 'source' | 'title' | 'headingPath' | 'page' | 'position' | 'metadata'
> {
  id: string;
  /** Higher is better: BM25 score, cosine similarity, or the fused hybrid score by mode. */
  score: number;
  /** BM25 score, when the keyword side matched (relative fusion reports it; ranked does not). */
  keywordScore?: number;
  /** Cosine distance to the query vector, when the vector side saw the chunk. */
  vectorDistance?: number;
}

export interface SearchResult {
  hits: SearchHit[];
}
