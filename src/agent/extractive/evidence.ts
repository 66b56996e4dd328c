import {
  englishChineseDictionary,
  englishConcepts,
  isLatinQuery,
} from '../../knowledge/text-terms';
import type { EnglishChineseDictionary } from '../../knowledge/text-terms/english-chinese-dictionary';
import { usesCjk } from '../draft';
import type { RetrievedChunk } from '../types';
import type { Concept } from './question';
import { questionConcepts, questionParts, specificTerms } from './question';
import { conceptCoverage, conceptHit } from './scoring';
import { mentionMatcher, textView } from './text-views';

function chunkText(chunk: RetrievedChunk): string {
  return [chunk.source, ...chunk.headingPath, chunk.text].join('\n');
}

const NO_TERMS: ReadonlySet<string> = new Set();

/** A chunk as the term check reads it: spellings are looked up in its text, never as terms. */
function view(chunk: RetrievedChunk) {
  const { plain, compact } = textView(chunkText(chunk));
  return { terms: NO_TERMS, plain, compact };
}

/** An English plural a passage may write in the singular: LLMs, Issues, agents (not bias, status, class). */
function singular(word: string): string {
  if (/^[A-Z]{2,}s$/.test(word)) return word.slice(0, -1);
  if (/^[A-Za-z]{3,}[^s]s$/.test(word) && !/(ss|us|is)$/i.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Every spelling that counts as mentioning a specific term: the term, its words in the singular,
 * and a phrase of names written together or with a hyphen (GitHub Issues, GitHub issue,
 * Github-Issues), and a command without its launcher (npx). Case is ignored by the match itself.
 * A number or identifier has one spelling.
 */
export function termSpellings(term: string): Concept {
  const words = term.split(/\s+/);
  const singularWords = words.map(singular);
  const spellings = [term, singularWords.join(' ')];
  if (words.length > 1) spellings.push(words.join(''), words.join('-'), singularWords.join('-'));
  // A command as a user types it (npx quarry ask) is documented without its launcher.
  const launched = /^(?:npx|sudo)\s+(\S.*)$/.exec(term);
  if (launched && launched[1].includes(' ')) spellings.push(launched[1]);
  return [...new Set(spellings)];
}

/**
 * The question's specific terms (names, identifiers, numbers, quoted terms) that no chunk held
 * mentions in any of their spellings, in its source name, headings or text. When one is absent,
 * whatever the chunks say about the topic does not answer this question: `frequency_penalty` is
 * not `presence_penalty`.
 */
export function absentSpecificTerms(
  question: string,
  chunks: RetrievedChunk[],
  { onTopic }: { onTopic?: number } = {},
): string[] {
  // A passage naming the term somewhere else in the corpus (Sutton in a reading list, GPT-4 in a
  // history of models) does not answer a question about it: with `onTopic`, only passages that
  // also cover that share of the question's other concepts count as naming it.
  const held = onTopic === undefined ? chunks : onTopicChunks(question, chunks, onTopic);
  const views = held.map(view);
  const concepts = englishConcepts(question);
  const latin = isLatinQuery(question);
  const mentioned = (spellings: string[]) => views.some((v) => conceptHit(spellings, v));
  return specificTerms(question).filter((term) => {
    // A flag is held only as a flag: a page saying a tool "works offline" documents no --offline.
    const spellings = asFlag(question, term)
      ? [`--${term}`]
      : [...termSpellings(term), ...translations(term, concepts)];
    if (mentioned(spellings)) return false;
    // A given name (Steve of Steve Jobs): a Chinese passage names the person by the surname alone
    // (乔布斯), so the surname written in Han characters holds the whole name.
    const surname = latin ? surnameAfter(question, term) : undefined;
    if (surname && mentioned(translations(surname, concepts).filter(usesCjk))) return false;
    return latin || !held.some((c) => wordsInOneSentence(term, chunkText(c)));
  });
}

/** The capitalised word right after a capitalised name in the question (Jobs after Steve). */
function surnameAfter(question: string, term: string): string | undefined {
  if (!/^[A-Z][a-z]+$/.test(term)) return undefined;
  return new RegExp(`\\b${term} ([A-Z][a-z]+)\\b`).exec(question)?.[1];
}

/** Whether the question writes the term as a command-line flag (`--offline`). */
function asFlag(question: string, term: string): boolean {
  const text = question.toLowerCase();
  const flag = `--${term.toLowerCase()}`;
  for (let at = text.indexOf(flag); at >= 0; at = text.indexOf(flag, at + 1))
    if (!/[\w-]/.test(text.charAt(at + flag.length))) return true;
  return false;
}

/**
 * Whether one sentence of a text has every word of a phrase, in any order: a Chinese question's
 * English phrase is its writer's wording (x64 CPU), which the page may put otherwise ("the CPU
 * build for x64"). Only phrases of two or three names, acronyms or identifiers, each a term of its
 * own: a phrase with a plain lowercase word is a command or a wording (quarry ingest) the page must
 * hold as it is, and so is a longer run.
 */
export function wordsInOneSentence(phrase: string, text: string): boolean {
  const words = phrase.split(/\s+/);
  if (words.length < 2 || words.length > 3) return false;
  if (!words.every((w) => /[A-Z0-9]/.test(w))) return false;
  const spellings = words.map((w) => [...new Set([w, singular(w)])]);
  return text
    .split(/(?<=[.;!?。；！？])\s+|\n+/)
    .map(textView)
    .some((v) => spellings.every((alts) => alts.some((a) => mentionMatcher(a)(v))));
}

/**
 * The chunks that cover at least `bar` of what the question asks about besides its specific
 * terms; all of them when the question is nothing but its terms.
 */
export function onTopicChunks(
  question: string,
  chunks: RetrievedChunk[],
  bar: number,
): RetrievedChunk[] {
  const topic = topicConcepts(question);
  if (!topic.length) return chunks;
  // A question of several parts: a passage answering one part is about that part's rest only.
  const parts = questionParts(question);
  const topics = parts.length > 1 ? [topic, ...parts.map(topicConcepts)] : [topic];
  return chunks.filter((c) =>
    topics.some((t) => t.length > 0 && conceptCoverage(t, chunkText(c)) >= bar),
  );
}

/**
 * What the question asks about besides its specific terms (推导 and 目标函数 of "t-SNE 的目标函数
 * 是怎样推导的"): the rest a passage naming the term must be about to answer this question.
 */
export function topicConcepts(question: string): Concept[] {
  const named = new Set(
    specificTerms(question).flatMap((t) => [t, ...t.split(/\s+/)].map((w) => w.toLowerCase())),
  );
  return questionConcepts(question).filter((c) => !c.some((alt) => named.has(alt.toLowerCase())));
}

/**
 * The Chinese words for an English name of a question (Pumpkin → 南瓜, Iron Man → 钢铁侠): an
 * English question's names may be written in Chinese in the passage that answers it. A name the
 * dictionary has only inside phrases is spelled as those phrases write it (Markov → 马尔可夫).
 */
function translations(
  term: string,
  concepts: readonly { english: string; chinese: readonly string[] }[],
): string[] {
  if (!/^[A-Z][a-z]+$/.test(term)) return [];
  const word = term.toLowerCase();
  const own = concepts.filter((c) => c.english.split(' ').includes(word)).flatMap((c) => c.chinese);
  return own.length ? own : nameInPhrases(word);
}

/** Two-word entries by their first word, built once per dictionary: the scan is over 100k entries. */
const phrasesByFirstWord = new WeakMap<
  EnglishChineseDictionary,
  Map<string, { second: string; chinese: readonly string[] }[]>
>();

function phrasesStartingWith(
  dictionary: EnglishChineseDictionary,
  word: string,
): { second: string; chinese: readonly string[] }[] {
  let index = phrasesByFirstWord.get(dictionary);
  if (!index) {
    index = new Map();
    for (const [english, chinese] of dictionary) {
      const words = english.split(' ');
      if (words.length !== 2) continue;
      const list = index.get(words[0]) ?? [];
      list.push({ second: words[1], chinese });
      index.set(words[0], list);
    }
    phrasesByFirstWord.set(dictionary, index);
  }
  return index.get(word) ?? [];
}

/**
 * The Han spelling of a name that has no dictionary entry of its own but starts two-word entries:
 * each entry's Chinese less the translation of its second word ("Markov process" 马尔可夫过程 less
 * 过程 → 马尔可夫). A word with its own entry gets nothing here: it is not only a name.
 */
export function nameInPhrases(
  word: string,
  dictionary: EnglishChineseDictionary = englishChineseDictionary(),
): string[] {
  if (dictionary.get(word)?.length) return [];
  const found = new Set<string>();
  for (const { second, chinese } of phrasesStartingWith(dictionary, word))
    for (const zh of chinese)
      for (const tail of dictionary.get(second) ?? [])
        if (zh.length >= tail.length + 2 && zh.endsWith(tail)) found.add(zh.slice(0, -tail.length));
  return [...found];
}
