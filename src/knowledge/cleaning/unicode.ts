/**
 * Characters NFKC would change in meaning or that Chinese sentence splitting needs: full-width
 * punctuation (，！？；：（） would turn ASCII), ellipses, circled and parenthesized numbers
 * (①② would fuse into the text as 1 2), superscripts and subscripts (x² is not x2).
 */
const KEEP_AS_IS =
  /([\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2025\u2026\u2460-\u24ff\u2776-\u2793\u3251-\u32bf\u00b2\u00b3\u00b9\u2070-\u209f]+)/;

/**
 * Full-width spaces to spaces, and NFKC elsewhere: full-width letters and digits to ASCII,
 * ligatures (ﬁ) split, Kangxi radicals and compatibility ideographs (⽠, 﨑) to the ideographs
 * people type, which PDFs often carry.
 */
export function normalizeUnicode(text: string): string {
  return text
    .replace(/\u3000/g, ' ')
    .split(KEEP_AS_IS)
    .map((part, i) => (i % 2 === 1 ? part : part.normalize('NFKC')))
    .join('');
}
