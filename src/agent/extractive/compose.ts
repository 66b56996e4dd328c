import { splitSentences } from '../../knowledge/chunking';
import { usesCjk, type Draft } from '../draft';
import type { Citation, Grades, RetrievedChunk } from '../types';
import { coverage, normalizeForMatch, questionTerms, similaritiesTo, termSet } from './lexical';
import type { Embed, ExtractiveOptions } from './options';

interface Candidate {
  chunk: RetrievedChunk;
  text: string;
  terms: Set<string>;
  score: number;
  order: number;
}

/** Too short to say anything, or carrying bracketed numbers that would read as citation markers. */
function quotable(sentence: string): boolean {
  return normalizeForMatch(sentence).length >= 6 && !/\[\d+\]/.test(sentence);
}

/**
 * Composes an answer from the sentences of the relevant chunks that best match the question,
 * each followed by the marker of its chunk. A sentence that shares too little with the question
 * is never chosen, which is also why a planted instruction in a relevant chunk is not repeated.
 */
export async function composeAnswer(
  question: string,
  chunks: RetrievedChunk[],
  grades: Grades,
  options: ExtractiveOptions,
  embed?: Embed,
): Promise<Draft> {
  const terms = questionTerms(question);
  const candidates: Candidate[] = [];
  for (const chunk of chunks) {
    for (const raw of splitSentences(chunk.text)) {
      const text = raw.trim();
      if (!quotable(text)) continue;
      const sentenceTerms = termSet(text);
      const score = coverage(terms, sentenceTerms);
      candidates.push({ chunk, text, terms: sentenceTerms, score, order: candidates.length });
    }
  }
  const similarities = await similaritiesTo(
    question,
    candidates.map((c) => c.text),
    embed,
  );
  const qualified = candidates.filter((c, i) => {
    const similarity = similarities?.[i] ?? 0;
    const ok = c.score >= options.sentenceThreshold || similarity >= options.sentenceSimilarity;
    c.score = Math.max(c.score, similarity) + 0.1 * (grades[c.chunk.id]?.score ?? 0);
    return ok;
  });
  qualified.sort((a, b) => b.score - a.score || a.order - b.order);

  const chosen: Candidate[] = [];
  let chars = 0;
  for (const c of qualified) {
    if (chosen.length >= options.maxSentences) break;
    if (chosen.length && chars + c.text.length > options.maxAnswerChars) continue;
    if (chosen.some((k) => duplicates(k, c))) continue;
    chosen.push(c);
    chars += c.text.length;
  }
  return draftFrom(chosen);
}

function duplicates(a: Candidate, b: Candidate): boolean {
  const x = normalizeForMatch(a.text);
  const y = normalizeForMatch(b.text);
  if (x.includes(y) || y.includes(x)) return true;
  const shared = [...a.terms].filter((t) => b.terms.has(t)).length;
  return shared / Math.max(1, Math.min(a.terms.size, b.terms.size)) >= 0.8;
}

function draftFrom(chosen: Candidate[]): Draft {
  const citations: Citation[] = [];
  const parts: string[] = [];
  for (const c of chosen) {
    let citation = citations.find((x) => x.chunkId === c.chunk.id);
    if (!citation) {
      citation = {
        n: citations.length + 1,
        chunkId: c.chunk.id,
        source: c.chunk.source,
        page: c.chunk.page,
        quote: c.text,
      };
      citations.push(citation);
    }
    parts.push(usesCjk(c.text) ? `${c.text}[${citation.n}]` : `${c.text} [${citation.n}]`);
  }
  const cjk = parts.some(usesCjk);
  return { draft: parts.join(cjk ? '' : ' '), citations };
}
