import type { Citation, Grades, GroundedSentence, RetrievedChunk, Usage } from './types';

/** What an engine call cost; absent means nothing (the extractive engine). */
export interface Metered {
  usage?: Usage;
}

export interface GradeOutcome extends Metered {
  grades: Grades;
}

export interface RewriteOutcome extends Metered {
  query: string;
}

export interface DraftOutcome extends Metered {
  /** Answer text with inline `[n]` markers; empty when nothing could be said. */
  draft: string;
  citations: Citation[];
}

export interface GroundingOutcome extends Metered {
  /** The draft split into sentences, each flagged supported or not by the chunks it cites. */
  sentences: GroundedSentence[];
}

export interface AnswerCheckOutcome extends Metered {
  answered: boolean;
  /** What the question asks that the draft does not cover. */
  missing: string[];
}

/**
 * The reasoning behind the agent's nodes. Implementations must be pure functions of their
 * arguments (no state between calls): each call may run in a different activity on a different
 * worker.
 */
export interface AgentEngine {
  readonly name: string;
  gradeChunks(question: string, chunks: RetrievedChunk[]): Promise<GradeOutcome>;
  rewriteQuery(
    question: string,
    previousQueries: string[],
    chunks: RetrievedChunk[],
    grades: Grades,
  ): Promise<RewriteOutcome>;
  generateAnswer(question: string, relevantChunks: RetrievedChunk[]): Promise<DraftOutcome>;
  checkGrounding(
    draft: string,
    citations: Citation[],
    chunks: RetrievedChunk[],
  ): Promise<GroundingOutcome>;
  checkAnswer(question: string, draft: string): Promise<AnswerCheckOutcome>;
}
