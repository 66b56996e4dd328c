import type { Chunk } from '../types';
import { chunkObject, type ChunkRecords } from './chunks';
import type { DocumentRecords } from './documents';
import { EmbeddingModelMismatchError, InvalidStoreRequestError } from './errors';
import type { DocumentInput, KnowledgeBase, UpsertResult } from './types';

export interface UpsertTarget {
  kb: KnowledgeBase;
  /** The Weaviate tenant of the knowledge base's documents and chunks. */
  kbKey: string;
  chunkCollection: string;
  /** Which creation of the name this is (see assertCurrent in records.ts). */
  creationId: string;
}

/**
 * Makes the stored chunks of one source equal `chunks`, touching only what changed, then writes
 * the document record. The record goes last: until it is written, the document reads as missing
 * (new file) or as its old hash (changed file), so a crash anywhere here is repaired by simply
 * running the same upsert again — it finds the chunks already written and skips them.
 */
export async function upsertDocument(
  records: { chunks: ChunkRecords; documents: DocumentRecords },
  target: UpsertTarget,
  doc: DocumentInput,
  chunks: Chunk[],
  vectors: number[][],
): Promise<UpsertResult> {
  checkInput(target.kb, doc, chunks, vectors);
  const { kbKey, chunkCollection } = target;
  const objects = chunks.map((chunk, i) => chunkObject(kbKey, doc.docHash, chunk, vectors[i]));
  const wanted = new Set(objects.map((o) => o.id));
  const stored = new Set(await records.chunks.idsForSource(chunkCollection, kbKey, doc.source));
  // Stale chunks go first so a reader never sees two versions of the document at once.
  const stale = [...stored].filter((id) => !wanted.has(id));
  const deleted = await records.chunks.deleteIds(chunkCollection, kbKey, stale);
  const missing = objects.filter((o) => !stored.has(o.id));
  await records.chunks.insert(chunkCollection, kbKey, missing);
  await records.documents.write(kbKey, {
    source: doc.source,
    docHash: doc.docHash,
    title: doc.title,
    format: doc.format,
    pageCount: doc.pageCount,
    chunkCount: chunks.length,
    status: 'indexed',
    error: null,
    bytes: doc.bytes,
    textBytes: chunks.reduce((sum, c) => sum + Buffer.byteLength(c.text, 'utf8'), 0),
    ingestedAt: new Date().toISOString(),
    metadata: doc.metadata,
  });
  return { chunkIds: objects.map((o) => o.id), inserted: missing.length, deleted };
}

function checkInput(
  kb: KnowledgeBase,
  doc: DocumentInput,
  chunks: Chunk[],
  vectors: number[][],
): void {
  const wrongLength = vectors.find((v) => v.length !== kb.dimensions);
  if (doc.embeddingModel !== kb.embeddingModel || wrongLength) {
    throw new EmbeddingModelMismatchError(
      kb.name,
      { model: kb.embeddingModel, dimensions: kb.dimensions },
      { model: doc.embeddingModel, dimensions: wrongLength?.length ?? kb.dimensions },
    );
  }
  if (vectors.length !== chunks.length) {
    throw new InvalidStoreRequestError(
      `${doc.source}: ${chunks.length} chunks but ${vectors.length} vectors`,
    );
  }
  const foreign = chunks.find((c) => c.source !== doc.source);
  if (foreign) {
    throw new InvalidStoreRequestError(
      `chunk of ${foreign.source} given with document ${doc.source}`,
    );
  }
  const positions = new Set(chunks.map((c) => c.position));
  if (positions.size !== chunks.length) {
    throw new InvalidStoreRequestError(`${doc.source}: chunk positions must be unique`);
  }
}
