import {
  chineseConcepts,
  contentWords,
  englishConcepts,
  isLatinQuery,
  searchTerms,
  stripQuestionFraming,
} from '../../knowledge/text-terms';
import { questionTerms } from './lexical';

/** What shape of answer a question asks for; a question can ask for several. */
export type AnswerType = 'number' | 'year' | 'name' | 'list' | 'reason' | 'definition';

/**
 * One thing the question is about, in every spelling that counts as mentioning it: a Chinese term
 * alone, or an English word with its Chinese translations.
 */
export type Concept = readonly string[];

export interface QuestionProfile {
  question: string;
  /** Written in Latin letters only: its answer may be in a passage of another language. */
  latin: boolean;
  concepts: Concept[];
  /** Names, identifiers, numbers and quoted terms: absent from all evidence, nothing answers. */
  specific: Concept[];
  types: AnswerType[];
  /** Sub-questions of a question that asks two things ("A 是什么？B 又是什么？"). */
  parts: string[];
}

/** Words that ask rather than say what about: an answer never needs to contain them. */
const QUESTION_WORDS = new Set(
  '多少 几 哪 哪个 哪些 哪几 哪几个 哪几种 哪几类 哪几位 哪几项 哪位 哪家 哪种 哪所 哪一年 哪年 什么 怎么 怎样 如何 为什么 为何 吗 呢 是否 谁 哪里 何 分别 又 还 各 各自 一下 呢 吧'.split(
    ' ',
  ),
);

/** Words ending in s after "what" that are verbs or pronouns, not a plural noun asked for. */
const NOT_A_PLURAL =
  'does|is|was|has|this|its|happens|means|makes|causes|says|gets|goes|comes|returns|decides|' +
  'determines|controls|sets|limits|keeps|stops|starts|shows|tells|counts';
/** "What roles does…", "Which states can…": a plural noun after what or which. */
const ASKS_FOR_A_PLURAL = new RegExp(
  String.raw`\b(?:what|which)\s+(?!(?:${NOT_A_PLURAL})\b)[a-z]+[^\Wisu]s\b`,
  'i',
);

const TYPE_CUES: [AnswerType, RegExp][] = [
  ['year', /哪一年|哪年|何年|什么时候|\bwhich year\b|\bwhat year\b|\bwhen\b/i],
  [
    'number',
    /多少|(?<!哪)几[个位种章部次条点年天岁]?|\bhow (many|much|long|often)\b|\bwhat (number|percentage|price)\b/i,
  ],
  [
    'name',
    /谁|哪位|哪家|哪个|哪所|哪种|哪款|叫什么|\bwho\b|\bwhich\b|\bwhat is the name\b|\bcalled\b/i,
  ],
  ['list', /哪些|哪几|列举|分为|\bwhat are\b|\bwhich .* are\b|\blist\b/i],
  ['list', ASKS_FOR_A_PLURAL],
  ['reason', /为什么|为何|原因|怎么会|\bwhy\b|\breason\b/i],
  ['definition', /什么是|是什么|指什么|何为|含义|\bwhat is\b|\bdefine\b|\bmeaning\b/i],
];

/** A run of Latin words, digits and the joiners identifiers use (GPT-4, frequency_penalty, v1.5). */
const LATIN_RUN =
  /[\p{Script=Latin}0-9][\p{Script=Latin}0-9_.+#-]*(?:\s+[\p{Script=Latin}0-9][\p{Script=Latin}0-9_.+#-]*)*/gu;
const QUOTED = /[“"「『《]([^”"」』》]{2,16})[”"」』》]/g;

/** An identifier-shaped English token: an acronym, digits, an underscore, inner capitals. */
function identifierLike(token: string): boolean {
  return (
    /^[A-Z]{2,}s?$/.test(token) ||
    /\d/.test(token) ||
    /_/.test(token) ||
    /^[A-Za-z]+[a-z][A-Z]/.test(token) ||
    /^[A-Z][a-z]+[A-Z]/.test(token)
  );
}

/**
 * A Latin run of a Chinese question that names something: a phrase (function calling), a
 * capitalized or identifier-shaped word (LoRA, Milvus, DQN), a number of two digits or more. Not a
 * variable (K, τ), an ordinal (第 2 章) or a common English word the passage may write in Chinese
 * (star, prompt).
 */
function specificRun(run: string): boolean {
  if (/^\d+(\.\d+)?$/.test(run)) return run.replace('.', '').length >= 2;
  if (GENERIC_ACRONYMS.has(run.toUpperCase())) return false;
  if (/\s/.test(run)) return true;
  return run.length >= 2 && (/^\p{Lu}/u.test(run) || identifierLike(run));
}

/**
 * Acronyms that name a kind of thing every technical text has (HTTP 状态码, CPU 线程), not the
 * subject asked about: a passage listing the status codes need not write "HTTP". Not a product
 * kind a question may ask for by name (which GPU, a Python SDK).
 */
const GENERIC_ACRONYMS = new Set('HTTP HTTPS API URL CPU JSON'.split(' '));

/** Han syllables in Latin letters (Baichuan, Xinghuo): a name the passage may write in Han characters. */
const PINYIN =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v))+$/i;

/**
 * A name in an English question: a capitalised word inside the sentence (Kafka, Claude), not its
 * first word, not a word that begins a clause, not where the question looks (the Pumpkin Book) and
 * not pinyin. Whether it is held is judged with
 * its dictionary translations too (Pumpkin → 南瓜), since the passage may be Chinese.
 */
function englishName(question: string, at: number, token: string): boolean {
  if (!/^[A-Z][a-z]{2,}$/.test(token) || PINYIN.test(token)) return false;
  if (ENGLISH_SCOPE_WORDS.has(token.toLowerCase())) return false;
  return !/(^|[.?!:;"“(])\s*$/.test(question.slice(0, at));
}

/** A number that counts or labels (第 11 问, Question 10, chapter 3), not a figure asked about. */
function ordinal(question: string, at: number, token: string): boolean {
  const before = question.slice(0, at);
  const after = question.slice(at + token.length);
  return (
    /第\s*$|\b(question|q|step|part|chapter|section|item|no\.?)\s*$/i.test(before) ||
    /^\s*[问题章节条步部项]/.test(after)
  );
}

/**
 * A quote the question cuts short (“小老弟，我小羊……”) is held by a passage that goes on where the
 * ellipsis is: the term is what comes before it, without the punctuation left at its end.
 */
function quotedExcerpt(text: string): string {
  return text.replace(/(?:…|⋯|\.{2,})+\s*$/u, '').replace(/[\s\p{P}]+$/u, '');
}

/**
 * A word the question calls a parameter, an option or a field (`suffix 参数`): an identifier of the
 * API or tool, though written in plain lowercase letters.
 */
const IDENTIFIER_KIND = /^\s*(?:参数|选项|字段|变量|函数|方法名|命令|属性|模块)/;

/** A command-line flag (`--max-activities`): an identifier, whatever its words look like. */
function flag(question: string, at: number): boolean {
  return question.slice(Math.max(0, at - 2), at) === '--';
}

/**
 * The question's specific terms. In a Chinese question every Latin run (LoRA, DQN, quarry export)
 * and number, and every quoted term; in an English question only identifier-shaped tokens and
 * numbers, since its ordinary words and names may be written in Chinese in the passage.
 */
export function specificTerms(question: string): string[] {
  const found: string[] = [];
  if (isLatinQuery(question)) {
    for (const m of question.matchAll(/[A-Za-z0-9][A-Za-z0-9_.+#-]*[A-Za-z0-9+#]|\d/g)) {
      const token = m[0];
      if (/^\d/.test(token) && ordinal(question, m.index, token)) continue;
      if (GENERIC_ACRONYMS.has(token.toUpperCase())) continue;
      if (
        identifierLike(token) ||
        flag(question, m.index) ||
        /^\d{2,}(\.\d+)?$|^\d+\.\d+$/.test(token) ||
        englishName(question, m.index, token)
      )
        found.push(token);
    }
  } else {
    for (const m of question.matchAll(LATIN_RUN)) {
      const run = m[0].replace(/[-_.+\s]+$/, '');
      if (/^\d/.test(run) && ordinal(question, m.index, run)) continue;
      const kindNamed = IDENTIFIER_KIND.test(question.slice(m.index + m[0].length));
      if (specificRun(run) || flag(question, m.index) || kindNamed) found.push(run);
    }
    for (const m of question.matchAll(QUOTED)) {
      const quoted = quotedExcerpt(m[1]);
      if (quoted.length >= 2 && !/^[A-Za-z0-9 ,.?!'-]+$/.test(quoted)) found.push(quoted);
    }
  }
  return [...new Set(found)];
}

/**
 * The sub-questions: each ends at a question mark ("A 是什么？B 又是什么？"); text after the last
 * question mark (a clarification added to the question) belongs to the last part.
 */
export function questionParts(question: string): string[] {
  const parts: string[] = [];
  for (const piece of question.split(/(?<=[？?])/)) {
    const text = piece.trim();
    if (!text) continue;
    const substantial = text.replace(/[\s\p{P}]/gu, '').length >= 4;
    if (parts.length && (!/[？?]$/.test(text) || !substantial))
      parts[parts.length - 1] += `\n${text}`;
    else parts.push(text);
  }
  return parts.length ? parts : [question.trim()];
}

/** What shapes of answer the question asks for, from its question words. */
export function answerTypes(question: string): AnswerType[] {
  return [...new Set(TYPE_CUES.filter(([, cue]) => cue.test(question)).map(([type]) => type))];
}

/**
 * Words that say where the question looks or how it refers to things, never what the answer says:
 * an answer quoted from the pumpkin book does not contain 南瓜书, and 里 or 说 are in any text.
 */
const SCOPE_WORDS = new Set(
  '笔记 视频 视频里 南瓜书 蘑菇书 西瓜书 南瓜 西瓜 蘑菇 还有 书 书中 书里 一章 章 章节 一节 节 文中 资料 两份 例子 示例 提到 介绍 讲 认为 说 又 叫 叫做 称为 这类 这种 那条 那把 这个 那个 分别 大约 大概 实际'.split(
    ' ',
  ),
);

/** The English for where a question looks (the Pumpkin Book, the video, the notes). */
const ENGLISH_SCOPE_WORDS = new Set(
  'pumpkin pumpkin book easy rl video notes note guide handbook chapter chapters example section per many much'.split(
    ' ',
  ),
);

/** A word that names something: not a scope word, and not one Han character (里, 说, 用, 上). */
function namingWord(word: string): boolean {
  if (QUESTION_WORDS.has(word) || SCOPE_WORDS.has(word)) return false;
  return !/^\p{Script=Han}$/u.test(word);
}

/**
 * Chinese words an English question word may be met by in a passage. Search keeps the first two
 * (more would flood BM25); choosing among retrieved sentences can afford the usual technical
 * senses behind the everyday ones (number → 编号, the seventh of its translations).
 */
const CONCEPT_TRANSLATIONS = 8;

/** An English gloss as a passage may write it: the word, and a one-word gloss in the plural. */
function glossSpellings(gloss: string): string[] {
  if (/\s/.test(gloss)) return [gloss];
  return [gloss, /(s|x|ch|sh)$/.test(gloss) ? `${gloss}es` : `${gloss}s`];
}

/**
 * The concepts of a question: each Chinese word with its English glosses (the answer may be in an
 * English passage), each English word with its Chinese translations.
 */
export function questionConcepts(question: string): Concept[] {
  if (!isLatinQuery(question)) {
    // Words, not bigrams: 臂赌 in 摇臂赌博机 is noise, and so are the question's own words (多少).
    const words = contentWords(stripQuestionFraming(question)).filter(namingWord);
    if (!words.length) return questionTerms(question).map((t) => [t]);
    const glosses = new Map(chineseConcepts(question).map((c) => [c.chinese, c.english]));
    return words.map((w) => [w, ...(glosses.get(w) ?? []).flatMap(glossSpellings)]);
  }
  const named = namedPlace(question);
  const concepts = englishConcepts(question, undefined, CONCEPT_TRANSLATIONS).filter(
    (c) => !ENGLISH_SCOPE_WORDS.has(c.english),
  );
  const asked = concepts.filter((c) => !c.english.split(' ').every((w) => named.has(w)));
  return (asked.length ? asked : concepts).map((c) => [
    ...new Set([...searchTerms(c.english), c.english, ...c.chinese]),
  ]);
}

/** Where an English question looks: "In the summarizing chapter" names a chapter, not the answer. */
const PLACE_WORD = String.raw`(?!(?:the|a|an|that|this|which|what|its|their)\b)[a-z][a-z'-]*`;
const PLACE_NAMED = new RegExp(
  String.raw`\bthe ((?:${PLACE_WORD}\s){0,3}${PLACE_WORD})(?:'s)? (?:chapter|section|talk|lesson|video|course|notes?)\b`,
  'gi',
);

function namedPlace(question: string): Set<string> {
  const words = new Set<string>();
  for (const m of question.matchAll(PLACE_NAMED))
    for (const w of m[1].toLowerCase().split(/[\s-]+/)) words.add(w);
  return words;
}

export function profileQuestion(question: string): QuestionProfile {
  const latin = isLatinQuery(question);
  return {
    question,
    latin,
    concepts: questionConcepts(question),
    specific: specificTerms(question).map((t) => [t]),
    types: answerTypes(question),
    parts: questionParts(question),
  };
}
