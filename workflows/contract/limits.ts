/**
 * Every limit on what a task may ask for, declared once: the workflows validate with it (through
 * the schemas in inputs.ts), and the API's validation, its OpenAPI spec and the agent's defaults
 * derive from it. `default` is what applies when the caller leaves the option out.
 */
const PLAN_MAX = 20;
const A_WEEK_S = 7 * 24 * 3600;
const A_DAY_S = 24 * 3600;

export const LIMITS = {
  /** Characters of a question, and of each question of a research plan. */
  questionChars: 2000,
  /** Characters of a reply to a clarifying question. */
  replyChars: 2000,
  /** Characters of a webhook URL. */
  webhookChars: 2000,
  maxRetrievals: { min: 1, max: 10, default: 3 },
  maxGenerations: { min: 1, max: 5, default: 2 },
  topK: { min: 1, max: 50, default: 8 },
  clarifyTimeoutSeconds: { min: 1, max: A_WEEK_S, default: A_DAY_S },
  /** Questions of a research plan, planned or given. */
  planQuestions: { min: 1, max: PLAN_MAX },
  maxSubQuestions: { min: 1, max: PLAN_MAX, default: 5 },
  concurrency: { min: 1, max: 10, default: 3 },
  approvalTimeoutSeconds: { min: 1, max: A_WEEK_S, default: A_DAY_S },
} as const;

export interface Bounds {
  min: number;
  max: number;
  default?: number;
}

/** Knowledge-base names as users type them in URLs and on the command line. */
export const KNOWLEDGE_BASE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,47}$/;
export const KNOWLEDGE_BASE_NAME_RULE =
  'must be 1-48 characters: lowercase letters, digits, - or _, starting with a letter or digit';
