/** Chinese sentence ends: always a boundary, with any closing quotes or brackets after them. */
const CHINESE_END = /[。！？；]+[”’」』）)】》〕〉"']*/y;
/** English sentence ends, with closers; a boundary only when whitespace or CJK text follows. */
const ENGLISH_PUNCTUATION = /[.!?]+/y;
const ENGLISH_CLOSERS = /["')\]’”]*/y;
const CLOSE_AFTER_ENGLISH = /[\s\p{Script=Han}]/u;
/** Words a period follows without ending the sentence. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt vs etc e.g i.e cf al fig figs eq eqs no nos vol pp ch sec ' +
    'approx dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m'
  ).split(' '),
);
/** How far back a period looks for the word it follows. */
const WORD_WINDOW = 20;

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
    const { end, resume } = boundaryAt(text, i);
    if (end === undefined) {
      i = resume;
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

/** Where the sentence ends if one ends at `i`; else where to look next. */
function boundaryAt(text: string, i: number): { end?: number; resume: number } {
  if (text[i] === '\n') return { end: i + 1, resume: i + 1 };
  CHINESE_END.lastIndex = i;
  if (CHINESE_END.exec(text)) return { end: CHINESE_END.lastIndex, resume: CHINESE_END.lastIndex };
  ENGLISH_PUNCTUATION.lastIndex = i;
  if (!ENGLISH_PUNCTUATION.exec(text)) return { resume: i + 1 };
  return englishBoundary(text, i, ENGLISH_PUNCTUATION.lastIndex);
}

/**
 * A run of `.!?` from `from` to `runEnd`: the sentence ends after the run and its closers if
 * some position of the run starts a sentence end. Every position of the run shares where the end
 * would be, so the run is scanned once and each position decided in constant time (deciding each
 * position by matching from it again was quadratic in a long run of dots).
 */
function englishBoundary(
  text: string,
  from: number,
  runEnd: number,
): { end?: number; resume: number } {
  ENGLISH_CLOSERS.lastIndex = runEnd;
  ENGLISH_CLOSERS.exec(text);
  const end = ENGLISH_CLOSERS.lastIndex;
  if (end < text.length && !CLOSE_AFTER_ENGLISH.test(text[end])) return { resume: runEnd };
  let lastMark = -1; // the last ! or ? of the run: a run from `at` holds one if lastMark >= at
  for (let at = from; at < runEnd; at++) if (text[at] !== '.') lastMark = at;
  for (let at = from; at < runEnd; at++) {
    if (text[at] !== '.' || lastMark >= at || periodEnds(text, at, end))
      return { end, resume: end };
  }
  return { resume: runEnd };
}

function periodEnds(text: string, dot: number, end: number): boolean {
  const word = wordBefore(text, dot);
  if (ABBREVIATIONS.has(word.toLowerCase()) || /^[A-Za-z]$/.test(word)) return false;
  if (isListNumber(text, dot)) return false;
  const next = /\S/.exec(text.slice(end, end + 20))?.[0];
  return next === undefined || !/[a-z]/.test(next);
}

/** The letters and dots right before `dot`, at most WORD_WINDOW of them. */
function wordBefore(text: string, dot: number): string {
  let start = dot;
  const limit = Math.max(0, dot - WORD_WINDOW);
  while (start > limit && isWordChar(text.charCodeAt(start - 1))) start--;
  return text.slice(start, dot);
}

/** A-Z, a-z or `.`. */
function isWordChar(code: number): boolean {
  return code === 0x2e || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * True when the line holds only a number (and whitespace) before `dot`: `3.` of a numbered list.
 * Scans back over the digits and blanks in front of the dot only, never the whole line.
 */
function isListNumber(text: string, dot: number): boolean {
  let at = dot;
  while (at > 0 && text[at - 1] >= '0' && text[at - 1] <= '9') at--;
  if (at === dot) return false;
  while (at > 0 && text[at - 1] !== '\n' && /\s/.test(text[at - 1])) at--;
  return at === 0 || text[at - 1] === '\n';
}
