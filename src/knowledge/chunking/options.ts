import type { ChunkingOptions } from '../types';

/** 500 characters with 80 of overlap: a few Chinese sentences or a short English paragraph. */
export const DEFAULT_CHUNKING: Readonly<ChunkingOptions> = Object.freeze({
  size: 500,
  overlap: 80,
});

export const CHUNK_SIZE_RANGE = { min: 50, max: 8000 } as const;

/** Throws an Error naming the field when options are out of range; returns them otherwise. */
export function validateChunkingOptions(options: ChunkingOptions): ChunkingOptions {
  const { size, overlap } = options;
  if (!Number.isInteger(size) || size < CHUNK_SIZE_RANGE.min || size > CHUNK_SIZE_RANGE.max) {
    throw new Error(
      `chunking.size must be a whole number of characters from ${CHUNK_SIZE_RANGE.min} to ${CHUNK_SIZE_RANGE.max} (got ${String(size)})`,
    );
  }
  if (chunkOverlapProblem(size, overlap)) {
    throw new Error(
      `chunking.overlap must be a whole number of characters from 0 to less than half of size ${size} (got ${String(overlap)})`,
    );
  }
  return options;
}

/**
 * The one rule for a chunk overlap, wherever a knowledge base's settings are checked (API, store,
 * chunker): a whole number of characters, under half the chunk size, so every chunk adds new text.
 */
export function chunkOverlapProblem(size: number, overlap: number): string | undefined {
  if (!Number.isInteger(overlap) || overlap < 0) return 'must be a whole number from 0';
  if (overlap * 2 >= size) return 'must be less than half of chunkSize';
  return undefined;
}

/** Options with the defaults filled in, validated: for a knowledge base's settings or a benchmark. */
export function chunkingOptions(partial: Partial<ChunkingOptions> = {}): ChunkingOptions {
  return validateChunkingOptions({ ...DEFAULT_CHUNKING, ...partial });
}
