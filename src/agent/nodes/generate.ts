import { z } from 'zod';
import { keepSentences, type Draft, type DraftSentence } from '../draft';
import { composeAnswer } from '../extractive/compose';
import { bestQuote } from '../extractive/quotes';
import { DATA_NOT_INSTRUCTIONS, fenceDocuments } from '../llm/documents';
import { leadingChunks } from '../llm/prompt-budget';
import { modelBackedNode } from '../node-kinds';
import type { AgentStateValue } from '../state';
import type { Citation, RetrievedChunk } from '../types';

interface GenerateTask {
  question: string;
  /** The relevant chunks, best grade first; document n is chunk n-1. */
  chunks: RetrievedChunk[];
}

export const GENERATOR_SYSTEM = `You answer a question using only the given documents.
${DATA_NOT_INSTRUCTIONS}
Write sentences copied or closely adapted from the documents, each with the id of the document that
supports it. Use no outside knowledge. If the documents do not contain the answer, reply with no
sentences. Answer in the question's language.
Reply with JSON: {"sentences": [{"text": "<sentence>", "document": <document id>}]}.`;

/** Answers are structured: a sentence cannot come without the document it claims support from. */
const answerReply = z.object({
  sentences: z.array(z.object({ text: z.string(), document: z.int() })).max(8),
});

/**
 * The reply's sentences with `[n]` markers, a citation per document actually shown, its quote the
 * chunk sentence closest to the claim. Markers pointing at no document are dropped.
 */
function readAnswer(
  reply: z.infer<typeof answerReply> | undefined,
  { chunks }: GenerateTask,
): Draft {
  const sentences: DraftSentence[] = [];
  for (const s of reply?.sentences ?? []) {
    // Markers inside the text would be read as citations the model did not declare.
    const text = s.text
      .trim()
      .replace(/\[\d+\]/g, '')
      .trim();
    if (text) sentences.push({ text, markers: [s.document] });
  }
  const citations: Citation[] = [];
  for (const n of new Set(sentences.flatMap((s) => s.markers))) {
    const chunk = chunks[n - 1];
    if (!chunk) continue;
    const claim = sentences
      .filter((s) => s.markers.includes(n))
      .map((s) => s.text)
      .join(' ');
    citations.push({
      n,
      chunkId: chunk.id,
      source: chunk.source,
      page: chunk.page,
      quote: bestQuote(chunk, claim),
    });
  }
  return keepSentences(sentences, citations);
}

/** Relevant chunks, best grade first. */
function relevantChunks(state: AgentStateValue): RetrievedChunk[] {
  return state.chunks
    .filter((c) => state.grades[c.id]?.relevant)
    .sort((a, b) => (state.grades[b.id]?.score ?? 0) - (state.grades[a.id]?.score ?? 0));
}

/**
 * Writes a draft with `[n]` citations from the relevant chunks. Offline it quotes them: the
 * sentences that best match the question (equal sentences go to the earlier, better chunk).
 */
export const generate = modelBackedNode({
  role: 'generator',
  task: (state): GenerateTask => ({ question: state.question, chunks: relevantChunks(state) }),
  model: {
    system: GENERATOR_SYSTEM,
    // The best-graded chunks that fit the model's context; document n stays chunk n-1.
    prompt: ({ question, chunks }, limits) =>
      `${fenceDocuments(leadingChunks(chunks, limits))}\n\nQuestion: ${question}`,
    schema: answerReply,
    read: readAnswer,
  },
  offline: ({ question, chunks }, { options, embed, vectors }) =>
    composeAnswer(question, chunks, options, embed, vectors),
  update: (state, { draft, citations }: Draft) => {
    const same =
      state.attempts.generation > 0 &&
      draft === state.draft &&
      JSON.stringify(citations) === JSON.stringify(state.citations);
    return {
      draft,
      citations,
      grounding: same ? state.grounding : [],
      sameDraft: same,
      attempts: { ...state.attempts, generation: state.attempts.generation + 1 },
    };
  },
});
