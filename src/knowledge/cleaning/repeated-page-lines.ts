export interface RepeatedLineOptions {
  /** Share of pages a line must recur on, at the same edge, to count as a header or footer. */
  minShare: number;
  /** Fewer pages than this and nothing is a header: two pages prove nothing. */
  minPages: number;
  /** How many non-blank lines from each edge of a page can be header or footer. */
  depth: number;
}

export const DEFAULT_REPEATED_LINES: RepeatedLineOptions = { minShare: 0.4, minPages: 3, depth: 3 };

/**
 * Removes running headers and footers: lines that recur at the top (or bottom) of many pages,
 * compared with page numbers and spacing ignored (`第 3 页` and `第 4 页` are the same line).
 * Only lines at the edges go, from the edge inward, so body text that merely repeats is kept.
 */
export function removeRepeatedPageLines(
  pages: string[],
  options: RepeatedLineOptions = DEFAULT_REPEATED_LINES,
): string[] {
  if (pages.length < options.minPages) return pages;
  const lines = pages.map((page) => page.split('\n'));
  const threshold = Math.max(options.minPages, Math.ceil(options.minShare * pages.length));
  const headers = recurring(
    lines.map((l) => edgeKeys(l, options.depth)),
    threshold,
  );
  const footers = recurring(
    lines.map((l) => edgeKeys([...l].reverse(), options.depth)),
    threshold,
  );
  return lines.map((pageLines) => {
    const kept = stripEdge(pageLines, headers, options.depth);
    return stripEdge(kept.reverse(), footers, options.depth).reverse().join('\n');
  });
}

/** What a line is compared as: spacing collapsed, every number the same. */
export function lineKey(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#');
}

function edgeKeys(lines: string[], depth: number): Set<string> {
  return new Set(
    lines
      .map(lineKey)
      .filter((key) => key !== '')
      .slice(0, depth),
  );
}

function recurring(keysPerPage: Set<string>[], threshold: number): Set<string> {
  const pagesWith = new Map<string, number>();
  for (const keys of keysPerPage) {
    for (const key of keys) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  return new Set([...pagesWith].filter(([, count]) => count >= threshold).map(([key]) => key));
}

/** Drops leading lines while they are blank or recurring, up to `depth` non-blank ones. */
function stripEdge(lines: string[], recurringKeys: Set<string>, depth: number): string[] {
  let start = 0;
  let removed = 0;
  while (start < lines.length && removed < depth) {
    const key = lineKey(lines[start]);
    if (key !== '' && !recurringKeys.has(key)) break;
    if (key !== '') removed++;
    start++;
  }
  return lines.slice(start);
}
