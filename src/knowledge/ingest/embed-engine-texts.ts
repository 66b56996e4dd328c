import { engineTextsOf, packEngineVectors } from '../../agent/extractive/engine-vectors';
import type { Chunk, Embedder, StoredVectors } from '../types';
import { embedTexts } from './embed-chunks';

/**
 * The extractive engine's vectors of each chunk (its grading text and its sentences), computed
 * once here rather than for every question that retrieves the chunk. Texts are embedded once
 * each, shortest first, so every batch holds texts of about the same length (a batch pads to its
 * longest text).
 */
export async function embedEngineTexts(
  embedder: Embedder,
  chunks: Chunk[],
  heartbeat: (details: object) => void,
  signal: AbortSignal,
): Promise<StoredVectors[]> {
  const perChunk = chunks.map(engineTextsOf);
  const unique = [...new Set(perChunk.flat())].sort((a, b) => a.length - b.length);
  const vectors = await embedTexts(
    embedder,
    unique,
    (done, of) => heartbeat({ engineTexts: done, of }),
    signal,
  );
  const byText = new Map(unique.map((t, i) => [t, vectors[i]]));
  return perChunk.map((texts) =>
    packEngineVectors(
      embedder.modelId,
      texts,
      texts.map((t) => byText.get(t) ?? []),
    ),
  );
}
