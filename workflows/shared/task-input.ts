import { KNOWLEDGE_BASE_NAME_PATTERN, LIMITS } from '../contract';

/** What is wrong with the question and knowledge base every task starts from; empty when fine. */
export function taskInputProblems(input: { question?: unknown; collection?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof input.question !== 'string' || input.question.trim() === '')
    problems.push('question must not be empty');
  else if (input.question.length > LIMITS.questionChars)
    problems.push(`question is over ${LIMITS.questionChars} characters`);
  if (typeof input.collection !== 'string' || !KNOWLEDGE_BASE_NAME_PATTERN.test(input.collection))
    problems.push('collection must be a knowledge base name');
  return problems;
}
