import type {
  AgentEngine,
  AnswerCheckOutcome,
  DraftOutcome,
  GradeOutcome,
  GroundingOutcome,
  RewriteOutcome,
} from '../engine';
import type { Citation, Grades, RetrievedChunk } from '../types';
import { checkCoverage, groundSentences } from './check';
import { composeAnswer } from './compose';
import { gradeByOverlap } from './grade';
import { DEFAULT_EXTRACTIVE_OPTIONS, type Embed, type ExtractiveOptions } from './options';
import { expandQuery } from './rewrite';

/**
 * The engine that needs no model: it quotes the knowledge base instead of writing. Deterministic
 * (same chunks, same answer), so crash-resume tests can compare exact outputs, and it never acts
 * on what the text says, so injected instructions are just sentences that rarely match a question.
 */
export class ExtractiveEngine implements AgentEngine {
  readonly name = 'extractive';
  private readonly options: ExtractiveOptions;

  constructor(
    private readonly embed?: Embed,
    options: Partial<ExtractiveOptions> = {},
  ) {
    this.options = { ...DEFAULT_EXTRACTIVE_OPTIONS, ...options };
  }

  async gradeChunks(question: string, chunks: RetrievedChunk[]): Promise<GradeOutcome> {
    return { grades: await gradeByOverlap(question, chunks, this.options, this.embed) };
  }

  rewriteQuery(
    question: string,
    previousQueries: string[],
    chunks: RetrievedChunk[],
    grades: Grades,
  ): Promise<RewriteOutcome> {
    const query = expandQuery(question, previousQueries, chunks, grades, this.options.rewriteTerms);
    return Promise.resolve({ query });
  }

  generateAnswer(question: string, relevantChunks: RetrievedChunk[]): Promise<DraftOutcome> {
    // The chunks arrive best first; equal sentences go to the earlier chunk.
    return composeAnswer(question, relevantChunks, {}, this.options, this.embed);
  }

  checkGrounding(
    draft: string,
    citations: Citation[],
    chunks: RetrievedChunk[],
  ): Promise<GroundingOutcome> {
    return Promise.resolve(groundSentences(draft, citations, chunks, this.options));
  }

  checkAnswer(question: string, draft: string): Promise<AnswerCheckOutcome> {
    return Promise.resolve(checkCoverage(question, draft, this.options));
  }
}
