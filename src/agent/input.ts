import { LIMITS } from '../../workflows/contract';
import { InvalidAgentInputError } from './configuration';
import type { AgentStateUpdate } from './state';

/** The state a run starts from: the question, checked. */
export function initialAgentState(question: string | undefined): AgentStateUpdate {
  const q = question?.trim() ?? '';
  if (!q) throw new InvalidAgentInputError('the question is empty');
  if (q.length > LIMITS.questionChars)
    throw new InvalidAgentInputError(
      `the question has ${q.length} characters; the limit is ${LIMITS.questionChars}`,
    );
  return { question: q };
}
