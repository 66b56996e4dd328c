/**
 * Table-of-contents dot leaders: `. . . . . 62` or `......62`. A match starts only where a run of
 * blanks starts (or at a dot): a start inside a long blank run would scan the rest of the run
 * again for every blank in it. A failed attempt covers at most three dots, so any stretch of
 * text is scanned by a bounded number of attempts.
 */
const DOT_LEADER = /(?<![ \t])(?:[ \t]*\.){4,}[ \t]*/g;

/**
 * Collapses runs of spaces and tabs inside lines (leading indentation stays: it can mean
 * nesting), drops trailing spaces, keeps at most one blank line in a row, trims the ends.
 */
export function collapseWhitespace(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.replace(/(\S)[ \t\u00a0]{2,}(?=\S)/g, '$1 ').trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      // After the line above no run of line breaks is longer than two, so trying `\n+$` at every
      // line break costs a bounded amount each.
      .replace(/^\n+|\n+$/g, '')
  );
}

/** Replaces dot leaders with a single ellipsis, so a contents page is not mostly dots. */
export function collapseDotLeaders(text: string): string {
  return text.replace(DOT_LEADER, ' … ');
}
