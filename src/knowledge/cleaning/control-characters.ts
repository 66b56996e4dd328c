/**
 * C0/C1 controls except tab and newline, plus invisible debris of extraction: soft hyphens,
 * zero-width spaces, word joiners, stray byte-order marks, and U+FFFD (a glyph the PDF could not
 * map, which says nothing).
 */
const INVISIBLE = /[\p{Cc}\u00ad\u200b\u2060\ufeff\ufffd]/gu;

/** Normalizes line endings to `\n` and strips control and invisible characters. */
export function stripControlCharacters(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, (char) => (char === '\n' || char === '\t' ? char : ''));
}
