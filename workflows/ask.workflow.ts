import {
  ActivityCancellationType,
  ApplicationFailure,
  defineQuery,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type {
  AgentStepRequest,
  AgentStepResult,
  AskInput,
  AskResult,
  StepRecord,
} from '../src/agent/ask.types';
import type { CarriedCheckpoint } from '../src/agent/checkpoint';
import {
  AGENT_NODES,
  FIRST_AGENT_NODE,
  MAX_QUESTION_CHARS,
  type AgentNode,
} from './shared/agent-nodes';

type AgentStepActivities = Record<AgentNode, (req: AgentStepRequest) => Promise<AgentStepResult>>;

const steps = proxyActivities<AgentStepActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  // A cancelled task ends only once the step in flight has stopped its model call.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '20 seconds',
    maximumAttempts: 8,
    nonRetryableErrorTypes: ['StepMismatchError', 'InvalidAskInput', 'KnowledgeBaseNotFoundError'],
  },
});

export interface AskProgress {
  state: 'running' | 'completed';
  steps: StepRecord[];
  next: string[];
}

export const askProgressQuery = defineQuery<AskProgress>('progress');

/** Far above any budget the graph allows: a loop that gets here is a bug, not a slow answer. */
const MAX_STEPS = 60;

function validate(input: AskInput): void {
  const problems: string[] = [];
  if (typeof input.question !== 'string' || input.question.trim() === '')
    problems.push('question must not be empty');
  else if (input.question.length > MAX_QUESTION_CHARS)
    problems.push(`question is over ${MAX_QUESTION_CHARS} characters`);
  if (
    typeof input.collection !== 'string' ||
    !/^[a-z0-9][a-z0-9_-]{0,47}$/.test(input.collection)
  ) {
    problems.push('collection must be a knowledge base name');
  }
  const o = input.options ?? {};
  if (o.maxRetrievals !== undefined && !(o.maxRetrievals >= 1 && o.maxRetrievals <= 10))
    problems.push('options.maxRetrievals must be 1-10');
  if (o.maxGenerations !== undefined && !(o.maxGenerations >= 1 && o.maxGenerations <= 5))
    problems.push('options.maxGenerations must be 1-5');
  if (o.topK !== undefined && !(o.topK >= 1 && o.topK <= 50))
    problems.push('options.topK must be 1-50');
  if (problems.length)
    throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidAskInput');
}

/**
 * One question through the self-correcting agent: each LangGraph super-step is one activity named
 * after its node; the workflow carries the checkpoint, so a lost worker costs one step at most.
 */
export async function askWorkflow(input: AskInput): Promise<AskResult> {
  validate(input);
  const progress: AskProgress = { state: 'running', steps: [], next: [FIRST_AGENT_NODE] };
  setHandler(askProgressQuery, () => progress);

  let checkpoint: CarriedCheckpoint | null = null;
  for (;;) {
    const node = progress.next[0] as AgentNode | undefined;
    if (!node) break;
    if (!AGENT_NODES.includes(node))
      throw ApplicationFailure.nonRetryable(`unknown agent node ${node}`, 'UnknownNode');
    if (progress.steps.length >= MAX_STEPS) {
      throw ApplicationFailure.nonRetryable(
        `the agent did not finish within ${MAX_STEPS} steps`,
        'StepBudgetExceeded',
      );
    }
    const result: AgentStepResult = await steps[node]({ node, input, checkpoint });
    checkpoint = result.checkpoint;
    progress.steps.push(result.step);
    progress.next = result.next;
    if (result.next.length === 0) {
      if (!result.answer)
        throw ApplicationFailure.nonRetryable('the agent ended without an answer', 'NoAnswer');
      progress.state = 'completed';
      return { ...result.answer, steps: progress.steps };
    }
  }
  throw ApplicationFailure.nonRetryable('the agent ended without an answer', 'NoAnswer');
}
