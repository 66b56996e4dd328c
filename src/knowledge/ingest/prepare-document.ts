import { chunkDocument } from '../chunking';
import { cleanDocument } from '../cleaning';
import { loadDocument } from '../loaders';
import type { Chunk, ChunkingOptions, IncomingFile, LoadedDocument } from '../types';

export interface PreparedDocument {
  doc: LoadedDocument;
  chunks: Chunk[];
  parseMs: number;
}

/** load → clean → chunk: the CPU-only part of ingestion, the same for every entry point. */
export async function prepareDocument(
  file: IncomingFile,
  chunking: ChunkingOptions,
): Promise<PreparedDocument> {
  const started = performance.now();
  const doc = cleanDocument(await loadDocument(file));
  const chunks = chunkDocument(doc, chunking);
  return { doc, chunks, parseMs: performance.now() - started };
}
