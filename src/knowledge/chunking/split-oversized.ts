/** Where a too-long sentence is best cut, best first: a line break, a clause mark, a space. */
const CUT_AFTER = [/\n/g, /[，、：,;:]/g, /[ \t]/g];

/**
 * Splits one sentence longer than `size` into pieces of at most `size` characters (trimmed):
 * at the last line break, clause mark or space in the second half of the window, else hard at
 * `size` (never inside a surrogate pair). Works on offsets into the sentence: each step looks at
 * one window and moves past at least half of it (trimming what is left at every step instead
 * made a long sentence without breaks quadratic).
 */
export function splitOversized(sentence: string, size: number): string[] {
  const pieces: string[] = [];
  const contentEnd = sentence.trimEnd().length;
  let at = 0;
  for (;;) {
    let leading = 0;
    while (at + leading < contentEnd && /\s/.test(sentence[at + leading])) leading++;
    if (contentEnd - (at + leading) <= size) break;
    const window = sentence.slice(at, at + leading + size);
    const cut =
      softCut(window, leading + Math.floor(size / 2)) ??
      hardCut(sentence, at + leading + size) - at;
    pieces.push(sentence.slice(at, at + cut));
    at += cut;
  }
  const rest = sentence.slice(at);
  if (rest.trim() !== '') pieces.push(rest);
  return pieces;
}

function softCut(window: string, earliest: number): number | undefined {
  for (const mark of CUT_AFTER) {
    let last: number | undefined;
    for (const match of window.matchAll(mark)) last = match.index + match[0].length;
    if (last !== undefined && last > earliest) return last;
  }
  return undefined;
}

function hardCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
