import {
  chineseEnglishDictionary,
  type ChineseEnglishDictionary,
} from './chinese-english-dictionary';
import { withChineseTerms } from './cross-lingual';
import { stripQuestionFraming } from './question-framing';
import { contentWords, wordsWithin } from './search-terms';

/** English glosses kept per Chinese word: enough for a synonym or two, few enough to stay on topic. */
export const GLOSSES_PER_WORD = 3;

/**
 * Words that ask, count or link rather than name what a question is about: their glosses (how
 * many, separately, once, haven't) would match any English passage.
 */
const ASKING_WORDS = new Set(
  '多少 多大 多久 多长 几个 几次 哪个 哪些 哪种 哪位 哪里 哪一 哪几个 什么 怎么 怎样 如何 为什么 为何 是否 分别 各自 一下 一共 一次 一直 主要 通常 应该 需要 可以 能够 时候 的话 方面 说法 提到 介绍 没有 只有 之间 起来 每个 两个 这样 那样'.split(
    ' ',
  ),
);

const HAN = /\p{Script=Han}/u;

/** A Chinese word of a query and the English glosses for it. */
export interface ChineseConcept {
  chinese: string;
  english: readonly string[];
}

function glossesOf(word: string, dictionary: ChineseEnglishDictionary, perWord: number): string[] {
  const own = dictionary.get(word);
  if (own?.length) return own.slice(0, perWord);
  // A compound the dictionary lacks (工作进程) is translated through the words inside it.
  return [...new Set(wordsWithin(word).flatMap((w) => dictionary.get(w)?.slice(0, perWord) ?? []))];
}

/**
 * The Chinese words of a query with English glosses, through CC-CEDICT read in its own direction
 * (接口 → interface, port; 日志 → journal, log). Words the dictionary lacks, even through the words
 * inside them, come with no English. Single characters and asking words are left out. Empty for a
 * query without Han characters.
 */
export function chineseConcepts(
  query: string,
  dictionary: ChineseEnglishDictionary = chineseEnglishDictionary(),
  perWord = GLOSSES_PER_WORD,
): ChineseConcept[] {
  if (!HAN.test(query)) return [];
  return contentWords(stripQuestionFraming(query))
    .filter((w) => HAN.test(w) && [...w].length >= 2 && !ASKING_WORDS.has(w))
    .map((chinese) => ({ chinese, english: glossesOf(chinese, dictionary, perWord) }));
}

/**
 * English words for the Chinese words of a query: "日志默认是什么级别" → log, journal, default,
 * level… BM25 matches them against English passages, which a Chinese query's own words never reach.
 */
export function englishTermsFor(
  query: string,
  dictionary: ChineseEnglishDictionary = chineseEnglishDictionary(),
  perWord = GLOSSES_PER_WORD,
): string[] {
  return [...new Set(chineseConcepts(query, dictionary, perWord).flatMap((c) => c.english))];
}

/** The query with English glosses of its Chinese words added: for the keyword side of a search. */
export function withEnglishTerms(query: string): string {
  const terms = englishTermsFor(query);
  return terms.length ? `${query} ${terms.join(' ')}` : query;
}

/**
 * The keyword side of a search in both directions: an English query with the Chinese for its words,
 * a Chinese one with the English for its words. A passage in either language can then match.
 */
export function withTranslatedTerms(query: string): string {
  return HAN.test(query) ? withEnglishTerms(query) : withChineseTerms(query);
}
