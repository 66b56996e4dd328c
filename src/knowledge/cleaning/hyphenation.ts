/** A word broken at the end of a line with a hyphen, continued in lower case on the next. */
const BROKEN_WORD = /([A-Za-z]{2,})-[ \t]*\n[ \t]*([a-z])/g;

/** `infor-\nmation` → `information`. Capitalized continuations (`Jean-\nPaul`) keep their hyphen. */
export function undoHyphenation(text: string): string {
  return text.replace(BROKEN_WORD, '$1$2');
}
