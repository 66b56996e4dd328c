import type { TokenWindow } from '../types';
import { splitOversized } from './split-oversized';

/**
 * The chunk as pieces that each fit the embedding model's token window: cut into as many pieces
 * as the token count asks for, at the best breaks splitOversized finds, neighbours joined again
 * while they still fit (soft breaks leave short remainders), and a piece still too long cut again.
 * Text the chunk size already keeps within the window passes untouched: only scripts of several
 * tokens a character get here.
 */
export function fitWindow(text: string, window: TokenWindow): string[] {
  const count = window.countTokens(text);
  const length = text.trim().length;
  if (count <= window.maxTokens || length <= 1) return [text.trim()];
  const size = Math.ceil(length / Math.ceil(count / window.maxTokens));
  const joined: string[] = [];
  for (const piece of splitOversized(text, size)) {
    const last = joined.length - 1;
    // Pieces are consecutive slices of the text: joined, they are exactly the text between.
    if (last >= 0 && window.countTokens(joined[last] + piece) <= window.maxTokens) {
      joined[last] += piece;
    } else {
      joined.push(piece);
    }
  }
  return joined
    .filter((piece) => piece.trim() !== '')
    .flatMap((piece) => (piece.length < text.length ? fitWindow(piece, window) : [piece.trim()]));
}
