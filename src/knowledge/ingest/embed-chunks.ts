import type { Chunk, Embedder } from '../types';

/** Chunks embedded between heartbeats: small enough that a dead worker is noticed quickly. */
const EMBED_BATCH = 32;

/** The chunks' vectors, in order, a heartbeat before each batch. */
export async function embedChunks(
  embedder: Embedder,
  chunks: Chunk[],
  heartbeat: (details: object) => void,
  signal: AbortSignal,
): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
    heartbeat({ embedded: i, of: chunks.length });
    const batch = chunks.slice(i, i + EMBED_BATCH).map((c) => c.text);
    vectors.push(...(await embedder.embedDocuments(batch, signal)));
  }
  return vectors;
}
