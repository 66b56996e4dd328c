import { createHash } from 'node:crypto';

/** sha256 hex of the text with all whitespace removed: re-wrapped or re-spaced text hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ''), 'utf8').digest('hex');
}
