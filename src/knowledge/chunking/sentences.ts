/** Chinese sentence ends: always a boundary, with any closing quotes or brackets after them. */
const CHINESE_END = /[。！？；]+[”’」』）)】》〕〉"']*/y;
/** English sentence ends, with closers; a boundary only when whitespace or CJK text follows. */
const ENGLISH_END = /[.!?]+["')\]’”]*/y;
const CLOSE_AFTER_ENGLISH = /[\s\p{Script=Han}]/u;
/** Words a period follows without ending the sentence. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt vs etc e.g i.e cf al fig figs eq eqs no nos vol pp ch sec ' +
    'approx dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m'
  ).split(' '),
);

/**
 * Splits text into sentences and lines; the pieces concatenate back to the text exactly, each
 * carrying the whitespace that follows it. Boundaries: Chinese 。！？； (and their closers),
 * English . ! ? followed by whitespace (not after an abbreviation, an initial or a list number,
 * nor before a lower-case word), and every line break.
 */
export function splitSentences(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const end = boundaryEnd(text, i);
    if (end === undefined) {
      i++;
      continue;
    }
    const afterSpace = /\s*/y;
    afterSpace.lastIndex = end;
    afterSpace.exec(text);
    pieces.push(text.slice(start, afterSpace.lastIndex));
    start = i = afterSpace.lastIndex;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** Where the sentence ends if one ends at `i`, else undefined. */
function boundaryEnd(text: string, i: number): number | undefined {
  if (text[i] === '\n') return i + 1;
  CHINESE_END.lastIndex = i;
  if (CHINESE_END.exec(text)) return CHINESE_END.lastIndex;
  ENGLISH_END.lastIndex = i;
  const english = ENGLISH_END.exec(text);
  if (!english) return undefined;
  const end = ENGLISH_END.lastIndex;
  if (end < text.length && !CLOSE_AFTER_ENGLISH.test(text[end])) return undefined;
  if (english[0].startsWith('.') && !/[!?]/.test(english[0]) && !periodEnds(text, i, end))
    return undefined;
  return end;
}

function periodEnds(text: string, dot: number, end: number): boolean {
  const word = /[A-Za-z.]*$/.exec(text.slice(Math.max(0, dot - 20), dot))?.[0] ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase()) || /^[A-Za-z]$/.test(word)) return false;
  const lineStart = text.lastIndexOf('\n', dot - 1) + 1;
  if (/^\s*\d+$/.test(text.slice(lineStart, dot))) return false;
  const next = /\S/.exec(text.slice(end, end + 20))?.[0];
  return next === undefined || !/[a-z]/.test(next);
}
