/**
 * "1.2 基本术语 …… 3", "Chapter 4 Decision trees ........ 57": a title, leader dots, a page number.
 * A run of dots is tried from its first dot only (the lookbehinds): from every dot of a long run,
 * the scan to the run's end would be repeated once per dot.
 */
const LEADER = '(?:…|(?<!\\.)\\.{3,}|(?<!·)·{3,})';
const ENTRY = new RegExp(`${LEADER}\\s*\\d{1,4}(?=\\s|$)`, 'g');
const ENTRY_AT_END = new RegExp(`${LEADER}\\s*\\d{1,4}\\s*$`);

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
    (l) => ENTRY_AT_END.test(l.trim()) || (l.match(ENTRY)?.length ?? 0) >= 2,
  );
  return entryLines.length >= lines.length * 0.5;
}
