/**
 * Whether an answer holds the kind of thing its question asks for, when that kind is plain to
 * see: a question asking how many or how much is answered by a number, one asking which year by a
 * year. An answer without one talks about the topic (GPT-4, its parameters) without answering.
 * Judged on the answer's text alone, so it holds for any engine that wrote it.
 */

/**
 * Cues that ask for a quantity; looser cues (几乎, "when") are left out: they ask for no number,
 * and 哪几种 asks which kinds (a list), not how many.
 */
const ASKS_NUMBER =
  /多少|(?<!哪)几(?:个|位|种|章|部|次|条|点|年|天|岁|名|项|层|步|类|篇|页|倍|万|千|百|十)|\bhow (?:many|much)\b/i;
const ASKS_YEAR = /哪一年|哪年|\b(?:which|what) year\b|\bin what year\b/i;
/** Asks which release: answered by a version (1.38.11, v2, Node.js 22), not by the product's name. */
const ASKS_VERSION = /哪个版本|什么版本|哪一版|版本号|\b(?:which|what) version\b/i;

/** What a Chinese numeral counts when it states a quantity (三种, 七章). */
const COUNTED = '个位种章部次条点年天岁名项层步类篇倍';
/** Digits, a Chinese numeral that counts something (三种, 十亿), or an English number word. */
const NUMBER = new RegExp(
  String.raw`\d|[两三四五六七八九十百千万亿][${COUNTED}亿万千百十]|` +
    String.raw`\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b`,
  'i',
);
/** A Chinese numeral with what it counts (七章, 三种), as NUMBER finds them. */
const HAN_COUNT = new RegExp(`[零一二两三四五六七八九十百千万亿]+[${COUNTED}]`, 'g');
const YEAR = /(?<!\d)(1[5-9]|20)\d\d(?!\d)/;
/**
 * A dotted version (not an address: 127.0.0.1 is none), or a number after "v", "version" or a
 * capitalised name (Node.js 22); not one after a plain word ("at least 16 characters").
 */
const VERSION =
  /(?<![\w.])v?\d+(?:\.\d+){1,2}(?![\d.])|(?<![\w/])v\d+\b|\b[A-Z][\w.]*[-\s]v?\d+(?![\d.])|(?:版本|\b[Vv]ersion)\s*v?\d/;

/** What a measured quantity counts: 参数 in 多少个参数, parameters in "how many parameters". */
export function measuredWord(question: string): string | undefined {
  const zh =
    /(?:多少|几)(?:个|位|种|条|名|项|层|步|类|篇)?([\p{Script=Han}]{2,4}?)(?=[？?，,。的]|$)/u.exec(
      question,
    );
  if (zh) return zh[1];
  const en = /\bhow many ([a-z]+)/i.exec(question);
  return en?.[1];
}

/**
 * The asked kind the answer lacks ("number", "year", "version"), or undefined when it has it or
 * none is asked.
 */
export function lackedKind(
  question: string,
  answer: string,
): 'number' | 'year' | 'version' | undefined {
  if (!answer.trim()) return undefined;
  // Citation markers and the question's own numbers state nothing asked for; names with digits
  // (GPT-4, v1.5) state no quantity either: only what is left can answer "how many".
  const cited = answer.replace(/\[\d+\]/g, ' ');
  if (ASKS_VERSION.test(question))
    return VERSION.test(ownNumbersRemoved(question, cited)) ? undefined : 'version';
  const text = ownNumbersRemoved(question, cited.replace(/[A-Za-z][\w.-]*\d[\w.-]*/g, ' '));
  if (ASKS_YEAR.test(question)) return YEAR.test(text) ? undefined : 'year';
  if (ASKS_NUMBER.test(question)) return NUMBER.test(text) ? undefined : 'number';
  return undefined;
}

/** The text without the numbers the question itself gives: repeating them answers nothing. */
function ownNumbersRemoved(question: string, text: string): string {
  let rest = text;
  for (const n of question.match(/\d+(?:\.\d+)?/g) ?? [])
    rest = rest.replace(new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d.])`, 'g'), ' ');
  // 第七章 in the question and in a quoted sentence names a chapter; it answers no "how many".
  for (const n of question.match(HAN_COUNT) ?? []) rest = rest.split(n).join(' ');
  return rest;
}
