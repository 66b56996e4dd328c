import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The rows of the README table whose header row starts with `firstHeader`, as trimmed cells
 * (header and divider left out). Prettier pads the columns, so tests compare cells, not lines.
 */
export function readmeTable(firstHeader: string): string[][] {
  const lines = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').split('\n');
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
  const start = lines.findIndex((line) => line.startsWith('|') && cells(line)[0] === firstHeader);
  if (start === -1) throw new Error(`README.md has no table starting with "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

/** `` `.md` `.mdx` `` → ['.md', '.mdx']. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}
