import type { Grades, RetrievedChunk } from '../types';
import { cosine, coverage, questionTerms, termSet } from './lexical';
import type { Embed, ExtractiveOptions } from './options';

/**
 * Grades each chunk by how much of the question's vocabulary it contains and, when an embedder is
 * given, by embedding similarity; either one clearing its threshold makes the chunk relevant (the
 * embedding carries questions asked in another language than the text).
 */
export async function gradeByOverlap(
  question: string,
  chunks: RetrievedChunk[],
  options: ExtractiveOptions,
  embed?: Embed,
): Promise<Grades> {
  const terms = questionTerms(question);
  const similarities = await similaritiesTo(question, chunks.map(chunkText), embed);
  const grades: Grades = {};
  chunks.forEach((chunk, i) => {
    const lexical = coverage(terms, termSet(chunkText(chunk)));
    const similarity = similarities?.[i] ?? 0;
    grades[chunk.id] = {
      relevant: lexical >= options.relevanceThreshold || similarity >= options.similarityThreshold,
      score: round(Math.max(lexical, similarity)),
    };
  });
  return grades;
}

function chunkText(chunk: RetrievedChunk): string {
  return [...chunk.headingPath, chunk.text].join('\n');
}

/** Cosine similarity of each text to the question, or undefined without an embedder. */
export async function similaritiesTo(
  question: string,
  texts: string[],
  embed?: Embed,
): Promise<number[] | undefined> {
  if (!embed || !texts.length) return undefined;
  const [q, ...rest] = await embed([question, ...texts]);
  return rest.map((v) => cosine(q, v));
}

// Scores go into the checkpoint and into exact-output comparisons: keep them short and stable.
export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
