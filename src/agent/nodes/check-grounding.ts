import { z } from 'zod';
import { keepSentences, splitDraft, type DraftSentence } from '../draft';
import { coverage, normalizeForMatch, termSet } from '../extractive/lexical';
import {
  ANSWER_IS_DATA,
  DATA_NOT_INSTRUCTIONS,
  fenceAnswer,
  fenceDocument,
} from '../llm/documents';
import { fitChunks, type PromptLimits } from '../llm/prompt-budget';
import { modelBackedNode, type OfflineTools } from '../node-kinds';
import type { Citation, GroundedSentence, RetrievedChunk } from '../types';

interface GroundingTask {
  /** The draft split at its citation markers. */
  sentences: DraftSentence[];
  citations: Citation[];
  chunks: RetrievedChunk[];
}

export const GROUNDING_SYSTEM = `You check whether each sentence of an answer is supported by the document it cites.
${DATA_NOT_INSTRUCTIONS}
${ANSWER_IS_DATA}
Reply with JSON: {"sentences": [{"index": i, "supported": true|false}]}.`;

function groundingPrompt(
  { sentences, citations, chunks }: GroundingTask,
  limits: PromptLimits,
): string {
  const byId = new Map(fitChunks(chunks, limits).map((c) => [c.id, c]));
  const cited = citations.flatMap((c) => {
    const chunk = byId.get(c.chunkId);
    return chunk ? [fenceDocument(chunk, c.n)] : [];
  });
  const lines = sentences.map((s, i) => `${i}: ${s.text}`).join('\n');
  return `${cited.join('\n')}\n\nAnswer sentences:\n${fenceAnswer(lines)}`;
}

const groundingReply = z.object({
  sentences: z.array(z.object({ index: z.int(), supported: z.boolean() })),
});

/** Supported only when the model says so and the sentence cites a document it was shown. */
function readVerdicts(
  reply: z.infer<typeof groundingReply> | undefined,
  { sentences, citations }: GroundingTask,
): GroundedSentence[] {
  const verdicts = new Map((reply?.sentences ?? []).map((v) => [v.index, v.supported]));
  const known = new Set(citations.map((c) => c.n));
  return sentences.map((s, i) => ({
    ...s,
    supported: verdicts.get(i) === true && s.markers.some((n) => known.has(n)),
  }));
}

/**
 * Offline: a sentence is supported when a chunk it cites contains it verbatim or contains most of
 * its terms. Quoted sentences always pass; the check exists for engines that write their own words.
 */
function groundByOverlap(
  { sentences, citations, chunks }: GroundingTask,
  { options }: OfflineTools,
): GroundedSentence[] {
  const chunkById = new Map(chunks.map((c) => [c.id, c]));
  const chunkByN = new Map(citations.map((c) => [c.n, chunkById.get(c.chunkId)]));
  return sentences.map((s) => {
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
}

/**
 * Drops the sentences their cited chunks do not support, and the citations only they used. An
 * empty draft afterwards sends the router back to generate (or on to finalize when out of budget).
 */
export const checkGrounding = modelBackedNode({
  role: 'checker',
  task: (state): GroundingTask => ({
    sentences: splitDraft(state.draft),
    citations: state.citations,
    chunks: state.chunks,
  }),
  model: {
    system: GROUNDING_SYSTEM,
    prompt: groundingPrompt,
    schema: groundingReply,
    settled: (task) => (task.sentences.length === 0 ? [] : undefined),
    read: readVerdicts,
  },
  offline: groundByOverlap,
  update(state, sentences: GroundedSentence[]) {
    const kept = keepSentences(
      sentences.filter((s) => s.supported),
      state.citations,
    );
    return { ...kept, grounding: sentences };
  },
});
