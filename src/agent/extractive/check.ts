import { splitDraft } from '../draft';
import type { AnswerCheckOutcome, GroundingOutcome } from '../engine';
import type { Citation, RetrievedChunk } from '../types';
import { coverage, isWholeTerm, normalizeForMatch, questionTerms, termSet } from './lexical';
import type { ExtractiveOptions } from './options';

/**
 * A sentence is supported when a chunk it cites contains it verbatim or contains most of its
 * terms. Quoted sentences always pass; the check exists for engines that write their own words.
 */
export function groundSentences(
  draft: string,
  citations: Citation[],
  chunks: RetrievedChunk[],
  options: ExtractiveOptions,
): GroundingOutcome {
  const chunkById = new Map(chunks.map((c) => [c.id, c]));
  const chunkByN = new Map(citations.map((c) => [c.n, chunkById.get(c.chunkId)]));
  const sentences = splitDraft(draft).map((s) => {
    const text = normalizeForMatch(s.text);
    const terms = [...termSet(s.text)];
    const supported = s.markers.some((n) => {
      const chunk = chunkByN.get(n);
      if (!chunk) return false;
      if (normalizeForMatch(chunk.text).includes(text)) return true;
      return terms.length > 0 && coverage(terms, termSet(chunk.text)) >= options.groundingThreshold;
    });
    return { ...s, supported };
  });
  return { sentences };
}

/** The answer addresses the question when it covers enough of the question's own terms. */
export function checkCoverage(
  question: string,
  draft: string,
  options: ExtractiveOptions,
): AnswerCheckOutcome {
  const terms = questionTerms(question);
  const answerTerms = termSet(draft);
  const answered = draft.trim() !== '' && coverage(terms, answerTerms) >= options.answerCoverage;
  const uncovered = terms.filter((t) => !answerTerms.has(t));
  const words = uncovered.filter(isWholeTerm);
  return { answered, missing: answered ? [] : words.length ? words : uncovered };
}
