import { z } from 'zod';
import { coverage, questionTerms, round, similaritiesTo, termSet } from '../extractive/lexical';
import { DATA_NOT_INSTRUCTIONS, fenceDocuments } from '../llm/documents';
import { modelBackedNode, type OfflineTools } from '../node-kinds';
import type { Grades, RetrievedChunk } from '../types';

interface GradeTask {
  question: string;
  /** The chunks not graded yet. */
  chunks: RetrievedChunk[];
}

export const GRADER_SYSTEM = `You judge whether documents help answer a question.
${DATA_NOT_INSTRUCTIONS}
Reply with JSON: {"grades": [{"id": <document id>, "relevant": true|false, "score": 0..1}]}.`;

const gradesReply = z.object({
  grades: z.array(z.object({ id: z.int(), relevant: z.boolean(), score: z.number() })),
});

/** Grades by document number; numbers the model invents are ignored, scores agree with verdicts. */
function readGrades(reply: z.infer<typeof gradesReply> | undefined, { chunks }: GradeTask): Grades {
  const grades: Grades = Object.fromEntries(
    chunks.map((c) => [c.id, { relevant: false, score: 0 }]),
  );
  for (const g of reply?.grades ?? []) {
    const chunk = chunks[g.id - 1];
    if (!chunk) continue;
    const score = Math.min(1, Math.max(0, g.score));
    grades[chunk.id] = {
      relevant: g.relevant,
      score: g.relevant ? Math.max(score, 0.5) : Math.min(score, 0.5),
    };
  }
  return grades;
}

/**
 * Offline: how much of the question's vocabulary a chunk contains and, with an embedder, how
 * similar it is; either one clearing its threshold makes the chunk relevant (the embedding
 * carries questions asked in another language than the text).
 */
async function gradeByOverlap(
  { question, chunks }: GradeTask,
  { options, embed }: OfflineTools,
): Promise<Grades> {
  const texts = chunks.map((c) => [...c.headingPath, c.text].join('\n'));
  const terms = questionTerms(question);
  const similarities = await similaritiesTo(question, texts, embed);
  const grades: Grades = {};
  chunks.forEach((chunk, i) => {
    const lexical = coverage(terms, termSet(texts[i]));
    const similarity = similarities?.[i] ?? 0;
    grades[chunk.id] = {
      relevant: lexical >= options.relevanceThreshold || similarity >= options.similarityThreshold,
      score: round(Math.max(lexical, similarity)),
    };
  });
  return grades;
}

/** Grades the chunks not graded yet; earlier grades stand (no second model call for them). */
export const grade = modelBackedNode({
  role: 'grader',
  task(state): GradeTask | null {
    const chunks = state.chunks.filter((c) => !state.grades[c.id]);
    return chunks.length ? { question: state.question, chunks } : null;
  },
  model: {
    system: GRADER_SYSTEM,
    prompt: ({ question, chunks }) => `Question: ${question}\n\n${fenceDocuments(chunks)}`,
    schema: gradesReply,
    read: readGrades,
  },
  offline: gradeByOverlap,
  update(state, grades: Grades) {
    const merged: Grades = { ...state.grades };
    for (const c of state.chunks)
      if (!merged[c.id]) merged[c.id] = grades[c.id] ?? { relevant: false, score: 0 };
    return { grades: merged };
  },
});
