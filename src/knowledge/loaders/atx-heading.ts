/** The level and raw text of an ATX heading line (`## Title ##`), or undefined for other lines. */
export interface AtxHeading {
  level: number;
  text: string;
}

const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/**
 * Parses `^ {0,3}#{1,6}([ \t]+text)?([ \t]+#+)?[ \t]*$` by hand. As one regular expression, a lazy
 * text followed by an optional closing sequence retried the closing `[ \t]+#+` at every position
 * of the text: quadratic in a long line of spaces. Here every character is looked at a bounded
 * number of times: the text ends at the first place where only blanks, or blanks, `#`s and blanks,
 * are left, found by one scan back from the end of the line.
 */
export function parseAtxHeading(line: string): AtxHeading | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const hashes = i;
  while (line[i] === '#' && i - hashes < 7) i++;
  const level = i - hashes;
  if (level < 1 || level > 6) return undefined;
  if (i < line.length && !isBlank(line[i])) return undefined;
  // `.` in the expression this replaces stops at these: such a line was never a heading.
  if (/[\r\u2028\u2029]/.test(line)) return undefined;
  while (isBlank(line[i])) i++;
  let end = line.length;
  while (end > i && isBlank(line[end - 1])) end--;
  let closing = end;
  while (closing > i && line[closing - 1] === '#') closing--;
  // A closing run counts only after a blank inside the text (`# C#` keeps its `#`).
  if (closing < end && closing > i && isBlank(line[closing - 1])) {
    end = closing;
    while (end > i && isBlank(line[end - 1])) end--;
  }
  return { level, text: line.slice(i, end) };
}
