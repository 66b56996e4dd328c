import type { DocumentFormat } from './loaders/formats';

export type { DocumentFormat };

/** A file as it arrives: over HTTP upload, a JSON body, or read from disk by the CLI. */
export interface IncomingFile {
  /** Path relative to the folder given to `ingest`, or the file name; stored as the chunk's `source`. */
  source: string;
  bytes: Uint8Array;
  /** Content type when the sender gave one; the loader also sniffs the extension and content. */
  contentType?: string;
  metadata?: Record<string, string | number | boolean>;
}

/** One unit of extracted text: a PDF page, a markdown section, a JSON record... */
export interface DocumentSection {
  text: string;
  /** 0-based PDF page (as PyMuPDF numbers them), null for formats without pages. */
  page: number | null;
  /** Markdown/HTML heading path, outermost first. */
  headingPath: string[];
}

export interface LoadedDocument {
  source: string;
  title: string;
  format: DocumentFormat;
  sections: DocumentSection[];
  /** Number of pages for PDFs, else 1. */
  pageCount: number;
  metadata: Record<string, string | number | boolean>;
}

export interface ChunkingOptions {
  /** Target chunk size in characters. */
  size: number;
  /** Characters of overlap carried from the end of one chunk into the next. */
  overlap: number;
}

export interface Chunk {
  text: string;
  source: string;
  title: string;
  headingPath: string[];
  page: number | null;
  /** 0-based order of the chunk within its document. */
  position: number;
  /** sha256 hex of the normalized chunk text. */
  contentHash: string;
  metadata: Record<string, string | number | boolean>;
  /** Vectors the agent computed from this chunk at ingestion (stored with it, never indexed). */
  engineVectors?: StoredVectors;
}

/**
 * Vectors a reader derives from a chunk's text, computed once at ingestion and stored with the
 * chunk: opaque to the store. `tag` says how they were made, so a reader ignores stale ones.
 */
export interface StoredVectors {
  tag: string;
  /** base64 of the packed vectors. */
  data: string;
}

/** A model's input window and how to measure a text against it. */
export interface TokenWindow {
  maxTokens: number;
  countTokens(text: string): number;
}

/** Turns texts into vectors; one instance per model. */
export interface Embedder {
  /** Stable model id stored with each knowledge base, e.g. `bge-small-zh-v1.5`. */
  readonly modelId: string;
  readonly dimensions: number;
  /** The longest chunk size (characters) the model can embed whole; none: no known limit. */
  readonly maxChunkChars?: number;
  /** The model's input window, for models that cut longer inputs silently; undefined: none. */
  tokenWindow?(): Promise<TokenWindow | undefined>;
  /** Documents (passages) to index. */
  embedDocuments(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  /** A search query; some models prefix an instruction. */
  embedQuery(text: string, signal?: AbortSignal): Promise<number[]>;
}

/** Thrown for input that can never succeed (unsupported type, empty, undecodable): not retried. */
export class UnprocessableDocumentError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly code: 'unsupported_type' | 'empty' | 'undecodable' | 'no_text' | 'too_large',
  ) {
    super(`${source}: ${reason}`);
    this.name = 'UnprocessableDocumentError';
  }
}
