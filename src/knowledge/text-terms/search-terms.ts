import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { isStopword } from './stopwords';

/** Han ideographs plus kana and hangul: scripts written without spaces, indexed by bigrams. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}〇]+/gu;
/**
 * A Latin/number token: letters and digits joined by `-`, `_` or `.` (gpt-4, x_i, v1.5, 3.14), with
 * an optional `++`/`#` suffix (c++, c#). Everything else is a separator.
 */
const WORD = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*(?:\+\+|#)?/gu;
const JOINER = /[-_.]/;
const DECIMAL = /^\d+(?:\.\d+)+$/;

let segmenter: Jieba | undefined;

function jieba(): Jieba {
  // Loading the dictionary takes ~0.2 s: once per process, and only when first needed.
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

/**
 * The terms Quarry indexes (and queries) for BM25, in text order with repeats, so term frequency
 * survives: jieba search-mode words and overlapping character bigrams for CJK text, lowercased
 * words for everything else, without punctuation and stopwords. Documents and queries must go
 * through this same function, which is why the `terms` property is whitespace-tokenized.
 */
export function searchTerms(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const terms: string[] = [];
  let last = 0;
  for (const run of normalized.matchAll(CJK_RUN)) {
    pushWords(normalized.slice(last, run.index), terms);
    pushCjk(run[0], terms);
    last = run.index + run[0].length;
  }
  pushWords(normalized.slice(last), terms);
  return terms;
}

/** `searchTerms` joined by single spaces: the value of the `terms` property and of BM25 queries. */
export function termsString(text: string): string {
  return searchTerms(text).join(' ');
}

function pushWords(segment: string, terms: string[]): void {
  for (const match of segment.matchAll(WORD)) {
    const word = match[0];
    if (!isStopword(word)) terms.push(word);
    // Parts make `gpt-4` findable as `gpt 4` and `x_i` as `x`; a decimal number stays whole.
    if (JOINER.test(word) && !DECIMAL.test(word)) {
      for (const part of word.split(/[-_.]+/)) {
        if (part && !isStopword(part)) terms.push(part);
      }
    }
  }
}

function pushCjk(run: string, terms: string[]): void {
  const segmenter = jieba();
  for (const word of segmenter.cutForSearch(run, true)) {
    if (!isStopword(word)) terms.push(word);
  }
  // Bigrams within stretches of content words only: `学习的方法` yields 学习 and 方法, not 习的/的方.
  let stretch = '';
  for (const word of segmenter.cut(run, true)) {
    if (isStopword(word)) {
      pushBigrams(stretch, terms);
      stretch = '';
    } else {
      stretch += word;
    }
  }
  pushBigrams(stretch, terms);
}

function pushBigrams(stretch: string, terms: string[]): void {
  const chars = Array.from(stretch);
  for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1]);
}

/** The shorter words jieba finds inside a long one (工作进程 → 工作, 进程), in order. */
export function wordsWithin(word: string): string[] {
  return jieba()
    .cutForSearch(word, true)
    .filter((w) => w !== word);
}

/**
 * The words of a text as a reader would split them (jieba's accurate mode for CJK, lowercased
 * words elsewhere), without stopwords, punctuation or repeats: what a question is about, word by
 * word, without the bigrams and sub-words that `searchTerms` adds for recall.
 */
export function contentWords(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const words: string[] = [];
  let last = 0;
  const latin = (segment: string) => {
    for (const match of segment.matchAll(WORD)) if (!isStopword(match[0])) words.push(match[0]);
  };
  for (const run of normalized.matchAll(CJK_RUN)) {
    latin(normalized.slice(last, run.index));
    for (const word of jieba().cut(run[0], true)) if (!isStopword(word)) words.push(word);
    last = run.index + run[0].length;
  }
  latin(normalized.slice(last));
  return [...new Set(words)];
}
