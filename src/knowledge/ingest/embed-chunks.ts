import type { Chunk, Embedder } from '../types';

/** Texts embedded per call: the progress a retried attempt can report. */
const EMBED_BATCH = 32;
/**
 * How often the activity heartbeats while a batch embeds (the workflow's heartbeat timeout is 15 s).
 * One batch can take longer than the timeout on a loaded machine: beats from a timer say the worker
 * is alive, while the embedder's calls carry their own timeouts.
 */
export const EMBED_HEARTBEAT_MS = 3000;

/** The chunks' vectors, in order, heartbeating throughout with how many are done. */
export function embedChunks(
  embedder: Embedder,
  chunks: Chunk[],
  heartbeat: (details: object) => void,
  signal: AbortSignal,
): Promise<number[][]> {
  return embedTexts(
    embedder,
    chunks.map((c) => c.text),
    (done, of) => heartbeat({ embedded: done, of }),
    signal,
  );
}

/** Vectors of `texts`, in order, in batches, heartbeating throughout with the progress. */
export async function embedTexts(
  embedder: Embedder,
  texts: string[],
  heartbeat: (done: number, of: number) => void,
  signal: AbortSignal,
): Promise<number[][]> {
  const vectors: number[][] = [];
  let done = 0;
  heartbeat(done, texts.length);
  const beat = setInterval(() => heartbeat(done, texts.length), EMBED_HEARTBEAT_MS);
  try {
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      done = i;
      heartbeat(done, texts.length);
      vectors.push(...(await embedder.embedDocuments(texts.slice(i, i + EMBED_BATCH), signal)));
    }
  } finally {
    clearInterval(beat);
  }
  return vectors;
}
