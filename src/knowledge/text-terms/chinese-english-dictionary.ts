import { readCedictEntries, type CedictEntry } from './cedict-data';
import { senseKeys } from './english-chinese-dictionary';
import { technicalEntries } from './technical-glossary';
import { ENGLISH_STOPWORDS } from './stopwords';

/** Chinese word (simplified) → English glosses, the most useful for a search first. */
export type ChineseEnglishDictionary = ReadonlyMap<string, readonly string[]>;

/** Glosses kept per word in the index; a query takes fewer (`GLOSSES_PER_WORD`). */
const KEPT_PER_WORD = 6;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;
/** Words of a gloss that describe a use rather than name a thing: "to help sb", "one's own". */
const VAGUE = /\b(sb|sth|etc|one's|oneself|kind of|classifier)\b|n't\b/;

/**
 * The glosses of a sense list worth searching English text with: up to three words (a long gloss
 * explains, it does not translate), not only stopwords, not a usage note. Parenthesised remarks and
 * a leading "to" are dropped by `senseKeys` ("default (setting)" → default, "to filter" → filter).
 */
export function searchGlosses(senses: string | string[]): string[] {
  const glosses = senseKeys(senses).map((g) => g.replace(/\s+/g, ' '));
  return glosses.filter((gloss) => {
    const words = gloss.split(' ');
    return (
      words.length <= 3 &&
      gloss.length <= 20 &&
      !VAGUE.test(gloss) &&
      words.some((w) => w.length >= 2 && !ENGLISH_STOPWORDS.has(w))
    );
  });
}

/**
 * Builds the Chinese → English index. A common word's senses come before a name's (lowercase
 * pinyin before capitalised), and within a word, one-word glosses before two-word ones: "interface",
 * "port" before "tacit approval". The dictionary's own order decides the rest (it lists the
 * commonest sense first).
 */
export function buildGlossIndex(entries: Iterable<CedictEntry>): ChineseEnglishDictionary {
  const byWord = new Map<string, { name: boolean; glosses: string[] }[]>();
  for (const [, simplified, pinyin, senses] of entries) {
    // Single characters are too ambiguous to translate alone (发, 长); words of two or more are not.
    if (!HAN_WORD.test(simplified)) continue;
    const glosses = searchGlosses(senses);
    if (!glosses.length) continue;
    const list = byWord.get(simplified) ?? [];
    list.push({ name: /^[A-Z]/.test(pinyin), glosses });
    byWord.set(simplified, list);
  }
  const index = new Map<string, string[]>();
  for (const [word, list] of byWord) {
    const glosses = list
      .flatMap((e) => e.glosses.map((g) => ({ g, name: e.name ? 1 : 0, n: g.split(' ').length })))
      .map((x, i) => ({ ...x, i }))
      .sort((a, b) => a.name - b.name || a.n - b.n || a.i - b.i)
      .map((x) => x.g);
    index.set(word, [...new Set(glosses)].slice(0, KEPT_PER_WORD));
  }
  return index;
}

/** The index with a glossary's senses of a word before the dictionary's. */
export function withGlossesFirst(
  index: ChineseEnglishDictionary,
  glossary: Iterable<CedictEntry>,
): ChineseEnglishDictionary {
  const merged = new Map(index);
  for (const [, simplified, , senses] of glossary) {
    const own = searchGlosses(senses);
    const glosses = [...new Set([...own, ...(merged.get(simplified) ?? [])])];
    merged.set(simplified, glosses.slice(0, Math.max(KEPT_PER_WORD, own.length)));
  }
  return merged;
}

let loaded: ChineseEnglishDictionary | undefined;

/**
 * CC-CEDICT read in its own direction, with the technical glossary's senses first, once per process
 * and only when first needed (~1 s).
 */
export function chineseEnglishDictionary(): ChineseEnglishDictionary {
  loaded ??= withGlossesFirst(buildGlossIndex(readCedictEntries()), technicalEntries());
  return loaded;
}
