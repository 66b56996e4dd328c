import type { ChatModel, ChatReply, ChatRequest } from '../../models/chat';
import { keepSentences, splitDraft, type DraftSentence } from '../draft';
import type {
  AgentEngine,
  AnswerCheckOutcome,
  DraftOutcome,
  GradeOutcome,
  GroundingOutcome,
  RewriteOutcome,
} from '../engine';
import {
  ANSWER_CHECK_SYSTEM,
  answerCheckPrompt,
  GENERATOR_SYSTEM,
  generatorPrompt,
  GRADER_SYSTEM,
  graderPrompt,
  GROUNDING_SYSTEM,
  groundingPrompt,
  REWRITER_SYSTEM,
  rewriterPrompt,
} from '../prompts';
import type { Citation, Grades, RetrievedChunk, Usage } from '../types';
import { bestQuote } from './quotes';
import { asArray, asRecord, parseJsonReply, parseQueryReply } from './replies';
import { ANSWER_CHECK_SCHEMA, ANSWER_SCHEMA, GRADES_SCHEMA, GROUNDING_SCHEMA } from './schemas';

function usageOf(reply: ChatReply): Usage {
  return { modelCalls: 1, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens };
}

/**
 * The agent's reasoning done by a chat model, with the prompts of ./prompts (retrieved text fenced
 * as data). Made per activity call with that call's cancellation signal, so cancelling the
 * workflow stops the model call in flight. Replies are checked, never trusted: ids the model
 * invents are ignored, and markers that point at no document are dropped.
 */
export class LlmEngine implements AgentEngine {
  readonly name: string;

  constructor(
    private readonly model: ChatModel,
    private readonly signal?: AbortSignal,
  ) {
    this.name = model.id;
  }

  async gradeChunks(question: string, chunks: RetrievedChunk[]): Promise<GradeOutcome> {
    const reply = await this.ask({
      system: GRADER_SYSTEM,
      prompt: graderPrompt(question, chunks),
      schema: GRADES_SCHEMA,
    });
    const grades: Grades = Object.fromEntries(
      chunks.map((c) => [c.id, { relevant: false, score: 0 }]),
    );
    for (const entry of asArray(asRecord(parseJsonReply(reply.text)).grades)) {
      const g = asRecord(entry);
      const chunk = typeof g.id === 'number' ? chunks[g.id - 1] : undefined;
      if (!chunk) continue;
      const relevant = g.relevant === true;
      const score = typeof g.score === 'number' ? Math.min(1, Math.max(0, g.score)) : 0;
      grades[chunk.id] = {
        relevant,
        score: relevant ? Math.max(score, 0.5) : Math.min(score, 0.5),
      };
    }
    return { grades, usage: usageOf(reply) };
  }

  async rewriteQuery(
    question: string,
    previousQueries: string[],
    chunks: RetrievedChunk[],
    _grades: Grades,
  ): Promise<RewriteOutcome> {
    const reply = await this.ask({
      system: REWRITER_SYSTEM,
      prompt: rewriterPrompt(question, previousQueries, chunks),
      maxTokens: 120,
    });
    const query = parseQueryReply(reply.text);
    // An empty reply falls back to the question itself; the router's budget bounds any repeats.
    return { query: query || question, usage: usageOf(reply) };
  }

  async generateAnswer(question: string, relevantChunks: RetrievedChunk[]): Promise<DraftOutcome> {
    const reply = await this.ask({
      system: GENERATOR_SYSTEM,
      prompt: generatorPrompt(question, relevantChunks),
      schema: ANSWER_SCHEMA,
    });
    const sentences: DraftSentence[] = [];
    for (const entry of asArray(asRecord(parseJsonReply(reply.text)).sentences)) {
      const e = asRecord(entry);
      const text = typeof e.text === 'string' ? e.text.trim() : '';
      // Markers inside the text would be read as citations the model did not declare.
      const clean = text.replace(/\[\d+\]/g, '').trim();
      if (clean)
        sentences.push({
          text: clean,
          markers: typeof e.document === 'number' ? [e.document] : [],
        });
    }
    const citations: Citation[] = [];
    for (const n of new Set(sentences.flatMap((s) => s.markers))) {
      const chunk = relevantChunks[n - 1];
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
    const kept = keepSentences(sentences, citations);
    return { draft: kept.draft, citations: kept.citations, usage: usageOf(reply) };
  }

  async checkGrounding(
    draft: string,
    citations: Citation[],
    chunks: RetrievedChunk[],
  ): Promise<GroundingOutcome> {
    const sentences = splitDraft(draft);
    if (sentences.length === 0) return { sentences: [] };
    const reply = await this.ask({
      system: GROUNDING_SYSTEM,
      prompt: groundingPrompt(
        sentences.map((s) => s.text),
        citations,
        chunks,
      ),
      schema: GROUNDING_SCHEMA,
    });
    const verdicts = new Map<number, boolean>();
    for (const entry of asArray(asRecord(parseJsonReply(reply.text)).sentences)) {
      const v = asRecord(entry);
      if (typeof v.index === 'number') verdicts.set(v.index, v.supported === true);
    }
    const known = new Set(citations.map((c) => c.n));
    return {
      // Supported only when the model says so and the sentence cites a document it was shown.
      sentences: sentences.map((s, i) => ({
        ...s,
        supported: verdicts.get(i) === true && s.markers.some((n) => known.has(n)),
      })),
      usage: usageOf(reply),
    };
  }

  async checkAnswer(question: string, draft: string): Promise<AnswerCheckOutcome> {
    if (draft.trim() === '') return { answered: false, missing: [question] };
    const reply = await this.ask({
      system: ANSWER_CHECK_SYSTEM,
      prompt: answerCheckPrompt(question, draft),
      schema: ANSWER_CHECK_SCHEMA,
    });
    const parsed = asRecord(parseJsonReply(reply.text));
    const missing = asArray(parsed.missing).filter((m): m is string => typeof m === 'string');
    return { answered: parsed.answered === true, missing, usage: usageOf(reply) };
  }

  private ask(request: Omit<ChatRequest, 'signal'>): Promise<ChatReply> {
    return this.model.chat({ ...request, signal: this.signal });
  }
}
