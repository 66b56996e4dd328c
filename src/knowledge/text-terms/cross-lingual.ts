import {
  englishChineseDictionary,
  type EnglishChineseDictionary,
} from './english-chinese-dictionary';
import { ENGLISH_STOPWORDS } from './stopwords';

/** Words that only frame an English question; their translations would match anything. */
const FRAMING = new Set(
  'according per about also mention mentions mentioned say says said give gives given tell tells happen happens happened book chapter example section note'.split(
    ' ',
  ),
);

/** Translations kept per English word or phrase: the most common first. */
export const TRANSLATIONS_PER_TERM = 2;

/** Written in Latin letters without a single Han character: an English (or similar) query. */
export function isLatinQuery(text: string): boolean {
  return !/\p{Script=Han}/u.test(text) && (text.match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 2;
}

/** The forms a dictionary might list an inflected word under: developed → develop, studies → study. */
export function baseForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith('ly')) forms.push(word.slice(0, -2));
  // British spellings: the dictionary writes organization, not organisation.
  return [...new Set([...forms, ...forms.map((f) => f.replace(/is(e|ation|ed|ing)$/, 'iz$1'))])];
}

function lookUp(dictionary: EnglishChineseDictionary, words: string[]): readonly string[] {
  const head = words.slice(0, -1);
  for (const last of baseForms(words[words.length - 1])) {
    const found = dictionary.get([...head, last].join(' '));
    if (found?.length) return found;
  }
  return [];
}

/** An English word or phrase of a query and the Chinese words for it. */
export interface EnglishConcept {
  english: string;
  chinese: readonly string[];
}

/**
 * The English words and phrases of a query with their Chinese words, through a bilingual
 * dictionary (CC-CEDICT): phrases first (knowledge base → 知识库), then the words no phrase used.
 * Words the dictionary lacks come with no Chinese (a name, an identifier). Empty for a query with
 * Han characters: it needs no translation.
 */
export function englishConcepts(
  query: string,
  dictionary: EnglishChineseDictionary = englishChineseDictionary(),
  perTerm = TRANSLATIONS_PER_TERM,
): EnglishConcept[] {
  if (!isLatinQuery(query)) return [];
  const words = (query.match(/[A-Za-z][A-Za-z'-]*/g) ?? []).map((w) => w.toLowerCase());
  const used = new Set<number>();
  const concepts: { at: number; concept: EnglishConcept }[] = [];
  for (const n of [3, 2]) {
    for (let i = 0; i + n <= words.length; i++) {
      const span = words.slice(i, i + n);
      if (span.some((w, k) => used.has(i + k) || FRAMING.has(w)) || ENGLISH_STOPWORDS.has(span[0]))
        continue;
      const found = lookUp(dictionary, span);
      if (!found.length) continue;
      concepts.push({
        at: i,
        concept: { english: span.join(' '), chinese: found.slice(0, perTerm) },
      });
      for (let k = 0; k < n; k++) used.add(i + k);
    }
  }
  words.forEach((word, i) => {
    if (used.has(i) || word.length < 2 || ENGLISH_STOPWORDS.has(word) || FRAMING.has(word)) return;
    const chinese = word.length < 3 ? [] : lookUp(dictionary, [word]).slice(0, perTerm);
    concepts.push({ at: i, concept: { english: word, chinese } });
  });
  return concepts.sort((a, b) => a.at - b.at).map((c) => c.concept);
}

/**
 * Chinese words for the English words and phrases of a query: "Which organisations jointly
 * developed GLM" → 组织 机关 共同 联名 … BM25 matches them against Chinese passages, which an
 * English query's own words never reach.
 */
export function chineseTermsFor(
  query: string,
  dictionary: EnglishChineseDictionary = englishChineseDictionary(),
  perTerm = TRANSLATIONS_PER_TERM,
): string[] {
  return [...new Set(englishConcepts(query, dictionary, perTerm).flatMap((c) => c.chinese))];
}

/** The query with the Chinese words for its English ones added: for the keyword side of a search. */
export function withChineseTerms(query: string): string {
  const terms = chineseTermsFor(query);
  return terms.length ? `${query} ${terms.join(' ')}` : query;
}
