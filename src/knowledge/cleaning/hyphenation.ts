/**
 * A word broken at the end of a line with a hyphen, continued in lower case on the next. Only the
 * last two letters before the hyphen are matched (a word of two letters or more, as `{2,}` said):
 * a word matched whole was rescanned from each of its letters, quadratic in a line of letters.
 */
const BROKEN_WORD = /([A-Za-z]{2})-[ \t]*\n[ \t]*([a-z])/g;

/** `infor-\nmation` → `information`. Capitalized continuations (`Jean-\nPaul`) keep their hyphen. */
export function undoHyphenation(text: string): string {
  return text.replace(BROKEN_WORD, '$1$2');
}
