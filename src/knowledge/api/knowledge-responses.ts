import * as z from 'zod/mini';
import type { Conforms } from '../../api/openapi/conforms';
import { openApiSchema } from '../../api/openapi/zod-schema';
import type { IngestionStarted } from '../ingestion.service';
import type { IngestProgress } from '../ingest/ingest.types';
import type { SearchResponse } from '../knowledge.service';
import type { DocumentPage, KnowledgeBase, KnowledgeBaseDescription } from '../store/types';

/** What the knowledge-base routes answer, published in the spec from these schemas. */

const isoTime = z.string().check(z.meta({ format: 'date-time' }));
const count = z.int().check(z.minimum(0));
const metadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const knowledgeBase = z.object({
  name: z.string(),
  embeddingModel: z.string(),
  dimensions: count,
  chunkSize: count,
  chunkOverlap: count,
  description: z.string(),
  createdAt: isoTime,
  lastSyncAt: z.nullable(isoTime),
});

const knowledgeBaseDescription = z.extend(knowledgeBase, {
  documents: z.object({ total: count, indexed: count, failed: count }),
  chunks: count,
  sourceBytes: count,
  textBytes: count,
});

const knowledgeBaseList = z.object({ collections: z.array(knowledgeBase) });

const searchHit = z.object({
  id: z.string(),
  text: z.string(),
  source: z.string(),
  title: z.string(),
  headingPath: z.array(z.string()),
  page: z.nullable(z.int()),
  position: count,
  metadata,
  score: z.number(),
  keywordScore: z.optional(z.number()),
  vectorDistance: z.optional(z.number()),
  firstStageScore: z.optional(z.number()),
  phraseScore: z.optional(z.number()),
});

const searchResponse = z.object({
  query: z.string(),
  mode: z.enum(['hybrid', 'keyword', 'vector']),
  alpha: z.number(),
  rerank: z.boolean(),
  hits: z.array(searchHit),
  glossQuery: z.optional(z.string()),
  timings: z.object({ embedMs: z.number(), searchMs: z.number(), rerankMs: z.number() }),
});

const storedDocument = z.object({
  source: z.string(),
  docHash: z.string(),
  title: z.string(),
  format: z.nullable(z.string()),
  pageCount: count,
  chunkCount: count,
  status: z.enum(['indexed', 'failed']),
  error: z.nullable(z.string()),
  bytes: count,
  textBytes: count,
  ingestedAt: isoTime,
  metadata,
});

const documentPage = z.object({
  documents: z.array(storedDocument),
  nextCursor: z.nullable(z.string()),
});

const ingestProgress = z.object({
  jobId: z.string(),
  collection: z.string(),
  state: z.enum(['running', 'completed', 'failed']),
  totalFiles: count,
  doneFiles: count,
  indexed: count,
  unchanged: count,
  failed: count,
  removed: count,
  pages: count,
  chunks: count,
  parseMs: z.number(),
  embedMs: z.number(),
  indexMs: z.number(),
  failures: z.array(z.object({ source: z.string(), error: z.string() })),
  error: z.optional(z.string()),
});

const ingestionStarted = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  files: count,
  progress: z.optional(ingestProgress),
});

/** The types the routes return stay within what the spec promises (a type error otherwise). */
export type KnowledgeResponsesConform = [
  Conforms<KnowledgeBase, typeof knowledgeBase>,
  Conforms<KnowledgeBaseDescription, typeof knowledgeBaseDescription>,
  Conforms<SearchResponse, typeof searchResponse>,
  Conforms<DocumentPage, typeof documentPage>,
  Conforms<IngestProgress, typeof ingestProgress>,
  Conforms<IngestionStarted, typeof ingestionStarted>,
];

export const KNOWLEDGE_BASE_SCHEMA = openApiSchema(knowledgeBase, 'output');
export const KNOWLEDGE_BASE_DESCRIPTION_SCHEMA = openApiSchema(knowledgeBaseDescription, 'output');
export const KNOWLEDGE_BASE_LIST_SCHEMA = openApiSchema(knowledgeBaseList, 'output');
export const SEARCH_RESPONSE_SCHEMA = openApiSchema(searchResponse, 'output');
export const DOCUMENT_PAGE_SCHEMA = openApiSchema(documentPage, 'output');
export const INGEST_PROGRESS_SCHEMA = openApiSchema(ingestProgress, 'output');
export const INGESTION_STARTED_SCHEMA = openApiSchema(ingestionStarted, 'output');
