import type { ChunkingOptions } from '../types';
import { splitOversized } from './split-oversized';

/** Clause marks after which a sentence's tail can stand as overlap when no whole sentence fits. */
const CLAUSE_END = /[，、：,;:\s]/;

/**
 * Packs sentences into chunks of at most `size` characters. Each chunk after the first starts
 * with the trailing whole sentences of the one before, up to `overlap` characters; when even the
 * last sentence is longer, its tail from a clause mark on, so neighbours still share context.
 */
export function packSentences(sentences: string[], { size, overlap }: ChunkingOptions): string[] {
  const units = sentences.flatMap((s) => (s.trim().length > size ? splitOversized(s, size) : [s]));
  const chunks: string[] = [];
  let current: string[] = [];
  let hasNew = false;
  for (const unit of units) {
    if (unit.trim() === '') continue;
    if (hasNew && joined([...current, unit]).length > size) {
      chunks.push(joined(current));
      current = overlapTail(current, overlap);
      hasNew = false;
    }
    while (current.length > 0 && joined([...current, unit]).length > size) current.shift();
    current.push(unit);
    hasNew = true;
  }
  if (hasNew) chunks.push(joined(current));
  return chunks;
}

function joined(parts: string[]): string {
  return parts.join('').trim();
}

function overlapTail(parts: string[], overlap: number): string[] {
  let tail: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const candidate = [parts[i], ...tail];
    if (joined(candidate).length > overlap) break;
    tail = candidate;
  }
  if (tail.length > 0 || overlap === 0 || parts.length === 0) return tail;
  const clause = clauseTail(parts[parts.length - 1], overlap);
  return clause ? [clause] : [];
}

/** The longest tail of `sentence` of at most `overlap` characters that starts after a clause mark. */
function clauseTail(sentence: string, overlap: number): string | undefined {
  const trimmed = sentence.trimEnd();
  for (let start = Math.max(1, trimmed.length - overlap); start < trimmed.length; start++) {
    if (CLAUSE_END.test(trimmed[start - 1])) return sentence.slice(start);
  }
  return undefined;
}
