import type { ChunkingOptions } from '../types';
import { Piece, PieceQueue } from './piece-queue';
import { splitOversized } from './split-oversized';

/** Clause marks after which a sentence's tail can stand as overlap when no whole sentence fits. */
const CLAUSE_END = /[，、：,;:\s]/;

/**
 * Packs sentences into chunks of at most `size` characters. Each chunk after the first starts
 * with the trailing whole sentences of the one before, up to `overlap` characters; when even the
 * last sentence is longer, its tail from a clause mark on, so neighbours still share context.
 * Sizes are sums kept by PieceQueue, so packing is linear in the text (joining the pieces anew
 * for every sentence cost size × sentences).
 */
export function packSentences(sentences: string[], { size, overlap }: ChunkingOptions): string[] {
  const chunks: string[] = [];
  const current = new PieceQueue();
  let hasNew = false;
  for (const sentence of sentences) {
    const units = sentence.trim().length > size ? splitOversized(sentence, size) : [sentence];
    for (const text of units) {
      if (text.trim() === '') continue;
      const unit = new Piece(text);
      if (hasNew && current.trimmedLengthWith(unit) > size) {
        chunks.push(current.text());
        current.keepTail(overlapTail(current, overlap));
        hasNew = false;
      }
      while (current.size > 0 && current.trimmedLengthWith(unit) > size) current.shift();
      current.push(unit);
      hasNew = true;
    }
  }
  if (hasNew) chunks.push(current.text());
  return chunks;
}

/**
 * The trailing whole pieces of `current` within `overlap` characters; when not even the last one
 * fits, its tail from a clause mark on.
 */
function overlapTail(current: PieceQueue, overlap: number): Piece[] {
  const whole = current.longestTailWithin(overlap);
  if (whole > 0 || overlap === 0 || current.size === 0) return current.last(whole);
  const clause = clauseTail(current.last(1)[0].text, overlap);
  return clause ? [new Piece(clause)] : [];
}

/** The longest tail of `sentence` of at most `overlap` characters that starts after a clause mark. */
function clauseTail(sentence: string, overlap: number): string | undefined {
  const trimmed = sentence.trimEnd();
  for (let start = Math.max(1, trimmed.length - overlap); start < trimmed.length; start++) {
    if (CLAUSE_END.test(trimmed[start - 1])) return sentence.slice(start);
  }
  return undefined;
}
