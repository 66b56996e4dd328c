import type { RetrievedChunk } from '../types';

/**
 * What a prompt must fit in: the model's context window as configured (`QUARRY_GGUF_CONTEXT_SIZE`
 * for GGUF models, `QUARRY_MODEL_CONTEXT_TOKENS` for hosted ones). Absent: no limit is known and
 * prompts are sent whole, as before.
 */
export interface PromptLimits {
  contextTokens?: number;
}

// Tokens per character, rounded up from SmolLM2's byte-level BPE (1.8 per Chinese character, 0.21
// per character of English prose): a tokenizer trained mostly on English is the costly case, and
// overestimating only makes a call smaller.
const TOKENS_PER_CJK_CHAR = 2;
const TOKENS_PER_OTHER_CHAR = 0.25;
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

const charTokens = (ch: string): number =>
  CJK.test(ch) ? TOKENS_PER_CJK_CHAR : TOKENS_PER_OTHER_CHAR;

/** A tokenizer-free estimate of a text's tokens, on the high side. */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const ch of text) tokens += charTokens(ch);
  return Math.ceil(tokens);
}

/** The text cut to at most `tokens` estimated tokens, marked with an ellipsis where it was cut. */
export function truncateToTokens(text: string, tokens: number): string {
  if (estimateTokens(text) <= tokens) return text;
  // One token of the budget is the ellipsis's.
  let used = 0;
  let end = 0;
  for (const ch of text) {
    used += charTokens(ch);
    if (used > tokens - 1) break;
    end += ch.length;
  }
  return `${text.slice(0, end)}…`;
}

// Shares of the context window. One document gets at most 1/16 of it (512 tokens of 8192: about
// 250 Chinese characters, 2,000 English ones), and one call's documents at most 1/4, so a small
// local model gets several short calls rather than one that overflows its context and runs past
// the step's timeout; a large hosted context keeps whole chunks and whole rounds in one call.
const DOCUMENT_SHARE = 1 / 16;
const CALL_SHARE = 1 / 4;

/** Chunks with texts cut to one document's share of the context (all of them, in order). */
export function fitChunks(chunks: RetrievedChunk[], limits: PromptLimits): RetrievedChunk[] {
  if (!limits.contextTokens) return chunks;
  const perDocument = Math.floor(limits.contextTokens * DOCUMENT_SHARE);
  return chunks.map((c) => {
    const text = truncateToTokens(c.text, perDocument);
    return text === c.text ? c : { ...c, text };
  });
}

/**
 * Chunks cut as `fitChunks` does, grouped into consecutive batches whose texts fit one call's
 * share of the context; every chunk lands in exactly one batch.
 */
export function chunkBatches(chunks: RetrievedChunk[], limits: PromptLimits): RetrievedChunk[][] {
  if (!limits.contextTokens) return chunks.length ? [chunks] : [];
  const perCall = Math.floor(limits.contextTokens * CALL_SHARE);
  const batches: RetrievedChunk[][] = [];
  let current: RetrievedChunk[] = [];
  let used = 0;
  for (const chunk of fitChunks(chunks, limits)) {
    const cost = estimateTokens(chunk.text);
    if (current.length && used + cost > perCall) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(chunk);
    used += cost;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Chunks cut as `fitChunks` does, the first ones only, as many as fit one call's share. */
export function leadingChunks(chunks: RetrievedChunk[], limits: PromptLimits): RetrievedChunk[] {
  return chunkBatches(chunks, limits)[0] ?? [];
}
