import { englishChineseDictionary } from '../../knowledge/text-terms';
import { baseForms } from '../../knowledge/text-terms/cross-lingual';
import type { EnglishChineseDictionary } from '../../knowledge/text-terms/english-chinese-dictionary';
import { LruCache } from '../../knowledge/embeddings/lru-cache';
import type { Concept } from './question';
import { TEXT_VIEW_CACHE_SIZE } from './text-views';

/**
 * An English sentence as a Chinese question's words can meet it. The question's words reach it
 * through their CC-CEDICT glosses, and a page rarely writes a dictionary's first senses in their
 * base form (改写 → revise, edit; the page says "rewrites"). So the sentence is read the other way
 * too: each of its words in its base forms (rewrites → rewrite), and the Chinese the dictionary
 * gives for those words (query → 查询, workflows → 工作流), which a question word can equal.
 */
export interface EnglishReading {
  /** The sentence's English words and their base forms, lowercased. */
  forms: ReadonlySet<string>;
  /** Chinese words the dictionary gives for the sentence's words and two-word phrases. */
  chinese: ReadonlySet<string>;
}

/** Translations read per English word: enough to reach the usual technical sense, not every sense. */
const TRANSLATIONS_PER_WORD = 8;

const readings = new LruCache<string, EnglishReading | null>(TEXT_VIEW_CACHE_SIZE);

function lookUp(dictionary: EnglishChineseDictionary, words: string[]): readonly string[] {
  const head = words.slice(0, -1);
  for (const last of baseForms(words[words.length - 1])) {
    const found = dictionary.get([...head, last].join(' '));
    if (found?.length) return found.slice(0, TRANSLATIONS_PER_WORD);
  }
  return [];
}

/**
 * The reading of a text with English words in it; null for one without (a Chinese sentence is
 * matched by its own words). Kept per text: the same units come back in every task.
 */
export function englishReading(
  text: string,
  dictionary: EnglishChineseDictionary = englishChineseDictionary(),
): EnglishReading | null {
  const known = readings.get(text);
  if (known !== undefined) return known;
  const words = (text.match(/[A-Za-z][A-Za-z'-]*[A-Za-z]/g) ?? []).map((w) => w.toLowerCase());
  let reading: EnglishReading | null = null;
  if (words.length >= 2) {
    const forms = new Set(words.flatMap(baseForms));
    const chinese = new Set<string>();
    words.forEach((word, i) => {
      for (const zh of lookUp(dictionary, [word])) chinese.add(zh);
      if (i + 1 < words.length)
        for (const zh of lookUp(dictionary, [word, words[i + 1]])) chinese.add(zh);
    });
    reading = { forms, chinese };
  }
  readings.set(text, reading);
  return reading;
}

const HAN = /\p{Script=Han}/u;

/**
 * Whether an English sentence mentions a Chinese question word's concept: one of its one-word
 * glosses is among the sentence's word forms, or the word is among the sentence's translations
 * (or inside a longer one: 工作流 in 工作流程). The concept's first spelling is the Chinese word.
 */
export function englishMentions(concept: Concept, reading: EnglishReading): boolean {
  const [word, ...glosses] = concept;
  if (!word || !HAN.test(word)) return false;
  if (glosses.some((g) => !/\s/.test(g) && reading.forms.has(g.toLowerCase()))) return true;
  if (reading.chinese.has(word)) return true;
  for (const zh of reading.chinese) if (zh.length > word.length && zh.includes(word)) return true;
  return false;
}
