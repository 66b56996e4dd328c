export interface ExtractiveOptions {
  /** Lexical coverage of the question's terms for a chunk to count as relevant. */
  relevanceThreshold: number;
  /** The first hits of each search round need half the coverage to be relevant. */
  leadingHits: number;
  /** Embedding cosine similarity that also makes a chunk relevant (cross-lingual questions). */
  similarityThreshold: number;
  /** Lexical coverage of the question's terms for a sentence to be quoted in the answer. */
  sentenceThreshold: number;
  /** Embedding similarity that also qualifies a sentence. */
  sentenceSimilarity: number;
  maxSentences: number;
  maxAnswerChars: number;
  /** A unit joins the answer (after each part's best) when it scores this share of the best one. */
  runnerUpShare: number;
  /** Share of a sentence's terms its cited chunk must contain for the sentence to be supported. */
  groundingThreshold: number;
  /** Share of the question's terms the answer must cover to count as answering it. */
  answerCoverage: number;
  /** Terms a rewrite adds to the query. */
  rewriteTerms: number;
}

export const DEFAULT_EXTRACTIVE_OPTIONS: Readonly<ExtractiveOptions> = Object.freeze({
  relevanceThreshold: 0.34,
  leadingHits: 3,
  similarityThreshold: 0.62,
  sentenceThreshold: 0.1,
  sentenceSimilarity: 0.6,
  maxSentences: 3,
  maxAnswerChars: 320,
  runnerUpShare: 0.75,
  groundingThreshold: 0.6,
  answerCoverage: 0.5,
  rewriteTerms: 4,
});

export type Embed = (texts: string[]) => Promise<number[][]>;
