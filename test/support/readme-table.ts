import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The rows of the README table whose header row starts with `firstHeader`, as trimmed cells
 * (header and divider left out). Prettier pads the columns, so tests compare cells, not lines.
 */
export function readmeTable(firstHeader: string): string[][] {
  const lines = readmeLines();
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

/** The cells of the README table row whose first cell is `firstCell` (a table's key column). */
export function readmeRow(firstCell: string): string[] {
  const row = readmeLines().find((line) => line.startsWith('|') && cells(line)[0] === firstCell);
  if (!row) throw new Error(`README.md has no table row for ${firstCell}`);
  return cells(row);
}

function readmeLines(): string[] {
  return readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').split('\n');
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}
