import { z } from 'zod';
import { absentSpecificTerms } from '../extractive/evidence';
import { gradeText } from '../extractive/engine-vectors';
import { DEFAULT_EXTRACTIVE_OPTIONS } from '../extractive/options';
import { round, similaritiesOf } from '../extractive/lexical';
import { profileQuestion, questionConcepts, type Concept } from '../extractive/question';
import { conceptCoverage } from '../extractive/scoring';
import { DATA_NOT_INSTRUCTIONS, fenceDocuments } from '../llm/documents';
import { chunkBatches, fitChunks } from '../llm/prompt-budget';
import { modelBackedNode, type OfflineTools } from '../node-kinds';
import type { AgentStateValue } from '../state';
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

// A grade is about 20 tokens of compact JSON ({"id": 3, "relevant": true, "score": 0.75}) and 27
// as SmolLM2 indents it under a grammar: the reply's budget follows the documents asked about, so
// a small model cannot run on to the global maximum, and an indented reply still fits.
const REPLY_TOKENS_PER_CHUNK = 32;
const REPLY_TOKENS_BASE = 24;

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
 * Offline: how many of the question's concepts a chunk mentions (an English question's words count
 * in their Chinese translations too) and, with an embedder, how similar it is; either one clearing
 * its threshold makes the chunk relevant. The first hits of a round need less: the search ranked
 * them first, and a paraphrased question shares few words with the passage that answers it.
 */
async function gradeByOverlap(
  { question, chunks }: GradeTask,
  { options, embed, vectors }: OfflineTools,
): Promise<Grades> {
  const texts = chunks.map(gradeText);
  const profile = profileQuestion(question);
  const similarities = await similaritiesOf(
    question,
    chunks.map((c, i) => ({ chunkId: c.id, text: texts[i] })),
    { embed, vectors },
  );
  const partConcepts = [
    profile.concepts,
    ...(profile.parts.length > 1 ? profile.parts.map(questionConcepts) : []),
  ];
  const grades: Grades = {};
  chunks.forEach((chunk, i) => {
    // A chunk that answers one part of a two-part question is relevant: it covers that part.
    const lexical = Math.max(
      ...partConcepts.map((concepts) => conceptCoverage(concepts, texts[i])),
    );
    const similarity = similarities?.[i] ?? 0;
    const bar =
      i < options.leadingHits ? options.relevanceThreshold / 2 : options.relevanceThreshold;
    grades[chunk.id] = {
      relevant: lexical >= bar || similarity >= options.similarityThreshold,
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
    prompt: ({ question, chunks }, limits) =>
      `Question: ${question}\n\n${fenceDocuments(fitChunks(chunks, limits))}`,
    schema: gradesReply,
    replyTokens: ({ chunks }) => REPLY_TOKENS_BASE + REPLY_TOKENS_PER_CHUNK * chunks.length,
    // Grades in batches that fit the model's context; each batch numbers its documents from 1.
    split: ({ question, chunks }, limits) =>
      chunkBatches(chunks, limits).map((batch) => ({
        question,
        chunks: chunks.filter((c) => batch.some((b) => b.id === c.id)),
      })),
    combine: (parts: Grades[]) => Object.assign({}, ...parts) as Grades,
    read: readGrades,
  },
  offline: gradeByOverlap,
  update(state, grades: Grades) {
    const merged: Grades = { ...state.grades };
    for (const c of state.chunks)
      if (!merged[c.id]) merged[c.id] = grades[c.id] ?? { relevant: false, score: 0 };
    // Specific terms no chunk mentions: nothing held answers this question (routes finalize).
    // Judged before the first generation only: an answer already drafted was grounded in chunks
    // that mention the terms. After a search again, a passage naming a term counts only when it
    // is about the rest of the question too: a rewritten query may rank on fewer of its words.
    const bar = DEFAULT_EXTRACTIVE_OPTIONS.relevanceThreshold;
    const onTopic = state.attempts.retrieval > 1 ? bar : undefined;
    const absentTerms =
      state.attempts.generation === 0
        ? absentSpecificTerms(state.question, state.chunks, { onTopic })
        : [];
    return { grades: merged, absentTerms, freshOnMissing: freshOnMissing(state, merged) };
  },
});

/**
 * Whether the chunks a search again brought (and graded relevant) mention what the answer lacked.
 * The offline check names missing words; a model's checker may describe what is missing in a
 * phrase, which no passage spells out: then any new relevant chunk may hold it.
 */
export function freshOnMissing(
  state: Pick<AgentStateValue, 'question' | 'chunks' | 'fresh' | 'missing' | 'attempts'>,
  grades: Grades,
): boolean {
  const missing = state.missing;
  if (
    state.attempts.generation === 0 ||
    !missing.length ||
    missing.some((m) => /\s/.test(m.trim()))
  )
    return true;
  const concepts: Concept[] = questionConcepts(state.question).filter((c) =>
    missing.includes(c[0]),
  );
  for (const word of missing) if (!concepts.some((c) => c[0] === word)) concepts.push([word]);
  const fresh = new Set(state.fresh);
  return state.chunks.some(
    (c) =>
      fresh.has(c.id) &&
      grades[c.id]?.relevant &&
      concepts.some((concept) => conceptCoverage([concept], gradeText(c)) > 0),
  );
}
