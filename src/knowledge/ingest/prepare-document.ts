import { chunkDocument } from '../chunking';
import { cleanDocument } from '../cleaning';
import { loadDocument } from '../loaders';
import type { PdfLoadOptions } from '../loaders/pdf-loader';
import type { Chunk, ChunkingOptions, IncomingFile, LoadedDocument, TokenWindow } from '../types';

export interface PreparedDocument {
  doc: LoadedDocument;
  chunks: Chunk[];
  parseMs: number;
}

/** load → clean → chunk: the CPU-only part of ingestion, the same for every entry point. */
export async function prepareDocument(
  file: IncomingFile,
  chunking: ChunkingOptions,
  options: { window?: TokenWindow; pdf?: PdfLoadOptions } = {},
): Promise<PreparedDocument> {
  const started = performance.now();
  const doc = cleanDocument(await loadDocument(file, { pdf: options.pdf }));
  const chunks = chunkDocument(doc, chunking, options.window);
  return { doc, chunks, parseMs: performance.now() - started };
}
