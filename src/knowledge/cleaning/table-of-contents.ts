/** "1.2 基本术语 …… 3", "Chapter 4 Decision trees ........ 57": a title, leader dots, a page number. */
const ENTRY = /(?:…|\.{3,}|·{3,})\s*\d{1,4}(?=\s|$)/g;

/**
 * True for a table-of-contents page: mostly entries that point at other pages. Such a page names
 * every section and formula, so it matches almost any question while answering none; dropping it
 * keeps it from pushing the page that does answer out of the top results.
 */
export function isTableOfContentsPage(text: string): boolean {
  const entries = text.match(ENTRY)?.length ?? 0;
  if (entries < 5) return false;
  const lines = text.split('\n').filter((l) => l.trim());
  const entryLines = lines.filter(
    (l) => /(?:…|\.{3,}|·{3,})\s*\d{1,4}\s*$/.test(l.trim()) || (l.match(ENTRY)?.length ?? 0) >= 2,
  );
  return entryLines.length >= lines.length * 0.5;
}
