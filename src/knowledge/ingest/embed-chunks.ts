import type { Chunk, Embedder } from '../types';

/** Chunks embedded per call: the progress a retried attempt can report. */
const EMBED_BATCH = 32;
/**
 * How often the activity heartbeats while a batch embeds (the workflow's heartbeat timeout is 15 s).
 * One batch can take longer than the timeout on a loaded machine: beats from a timer say the worker
 * is alive, while the embedder's calls carry their own timeouts.
 */
export const EMBED_HEARTBEAT_MS = 3000;

/** The chunks' vectors, in order, heartbeating throughout with how many are done. */
export async function embedChunks(
  embedder: Embedder,
  chunks: Chunk[],
  heartbeat: (details: object) => void,
  signal: AbortSignal,
): Promise<number[][]> {
  const vectors: number[][] = [];
  let progress = { embedded: 0, of: chunks.length };
  heartbeat(progress);
  const beat = setInterval(() => heartbeat(progress), EMBED_HEARTBEAT_MS);
  try {
    for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
      progress = { embedded: i, of: chunks.length };
      heartbeat(progress);
      const batch = chunks.slice(i, i + EMBED_BATCH).map((c) => c.text);
      vectors.push(...(await embedder.embedDocuments(batch, signal)));
    }
  } finally {
    clearInterval(beat);
  }
  return vectors;
}
