import { englishConcepts } from '../../knowledge/text-terms';
import type { RetrievedChunk } from '../types';
import type { Concept } from './question';
import { specificTerms } from './question';
import { conceptHit } from './scoring';

function view(chunk: RetrievedChunk) {
  const text = [chunk.source, ...chunk.headingPath, chunk.text].join('\n');
  return {
    terms: new Set<string>(),
    plain: text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '),
  };
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
 * Github-Issues). Case is ignored by the match itself. A number or identifier has one spelling.
 */
export function termSpellings(term: string): Concept {
  const words = term.split(/\s+/);
  const singularWords = words.map(singular);
  const spellings = [term, singularWords.join(' ')];
  if (words.length > 1) spellings.push(words.join(''), words.join('-'), singularWords.join('-'));
  return [...new Set(spellings)];
}

/**
 * The question's specific terms (names, identifiers, numbers, quoted terms) that no chunk held
 * mentions in any of their spellings, in its source name, headings or text. When one is absent,
 * whatever the chunks say about the topic does not answer this question: `frequency_penalty` is
 * not `presence_penalty`.
 */
export function absentSpecificTerms(question: string, chunks: RetrievedChunk[]): string[] {
  const views = chunks.map(view);
  const concepts = englishConcepts(question);
  return specificTerms(question).filter((term) => {
    const spellings = [...termSpellings(term), ...translations(term, concepts)];
    return !views.some((v) => conceptHit(spellings, v));
  });
}

/**
 * The Chinese words for an English name of a question (Pumpkin → 南瓜, Iron Man → 钢铁侠): an
 * English question's names may be written in Chinese in the passage that answers it.
 */
function translations(
  term: string,
  concepts: readonly { english: string; chinese: readonly string[] }[],
): string[] {
  if (!/^[A-Z][a-z]+$/.test(term)) return [];
  const word = term.toLowerCase();
  return concepts.filter((c) => c.english.split(' ').includes(word)).flatMap((c) => c.chinese);
}
