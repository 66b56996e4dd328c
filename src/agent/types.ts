// What the agent returns is part of the workflow boundary, declared in the contract.
export type {
  AskAnswer as AgentResult,
  AgentTrace,
  Attempts,
  Citation,
  SkippedChunk,
  StepRecord,
  Usage,
} from '../../workflows/contract';
export { addUsage, ZERO_USAGE } from '../../workflows/contract';

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

/** One sentence of the draft with the citation markers it carries. */
export interface GroundedSentence {
  text: string;
  markers: number[];
  supported: boolean;
}

export interface Budgets {
  maxRetrievals: number;
  maxGenerations: number;
}
