/** A retrieved chunk as the agent carries it: small and JSON-serializable. */
export interface RetrievedChunk {
  id: string;
  text: string;
  source: string;
  page: number | null;
  headingPath: string[];
  /** The retriever's score; higher is better. */
  score: number;
}

export interface ChunkGrade {
  relevant: boolean;
  /** 0..1, higher is more relevant. */
  score: number;
}

export type Grades = Record<string, ChunkGrade>;

/** `[n]` in the draft points at `chunkId`; `quote` is a span of that chunk's text. */
export interface Citation {
  n: number;
  chunkId: string;
  source: string;
  page: number | null;
  quote: string;
}

/** One sentence of the draft with the citation markers it carries. */
export interface GroundedSentence {
  text: string;
  markers: number[];
  supported: boolean;
}

export interface Attempts {
  retrieval: number;
  generation: number;
}

export interface Budgets {
  maxRetrievals: number;
  maxGenerations: number;
}

export interface Usage {
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface StepRecord {
  node: string;
  /** ISO time the node started. */
  startedAt: string;
  ms: number;
  /** Which attempt of the activity produced it (above 1: earlier attempts failed or were lost). */
  attempt?: number;
  /** `ok`, or `waiting` when the step asked the user and the task paused on it. */
  outcome?: 'ok' | 'waiting';
}

export interface AgentResult {
  answer: string;
  citations: Citation[];
  abstained: boolean;
  attemptsUsed: Attempts;
  /** What the agent could not find when it answered only in part. */
  missing: string[];
  usage: Usage;
  /** How it got there: every query it searched with, and the chunks it last held with grades. */
  trace?: AgentTrace;
}

export interface AgentTrace {
  queries: string[];
  chunks: {
    id: string;
    source: string;
    page: number | null;
    score: number;
    relevant: boolean;
    grade: number;
  }[];
}

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  modelCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
});

export function addUsage(a: Usage, b: Usage | undefined): Usage {
  if (!b) return a;
  return {
    modelCalls: a.modelCalls + b.modelCalls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}
