import { MAX_QUESTION_CHARS } from './agent-nodes';

/**
 * Knowledge-base names as users type them in URLs and on the command line. Defined here, where
 * workflow code can import it, and re-exported by the store (src/knowledge/store/names.ts).
 */
export const KNOWLEDGE_BASE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,47}$/;

/** What is wrong with the question and knowledge base every task starts from; empty when fine. */
export function taskInputProblems(input: { question?: unknown; collection?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof input.question !== 'string' || input.question.trim() === '')
    problems.push('question must not be empty');
  else if (input.question.length > MAX_QUESTION_CHARS)
    problems.push(`question is over ${MAX_QUESTION_CHARS} characters`);
  if (typeof input.collection !== 'string' || !KNOWLEDGE_BASE_NAME_PATTERN.test(input.collection))
    problems.push('collection must be a knowledge base name');
  return problems;
}
