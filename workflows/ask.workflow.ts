import {
  ActivityCancellationType,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { AgentStepRequest, AgentStepResult } from '../src/agent/ask.types';
import type { AskInput, AskResult, StepRecord, TaskReply } from './contract';
import type { CarriedCheckpoint } from '../src/agent/checkpoint';
import { AGENT_NODES, FIRST_AGENT_NODE, type AgentNode } from './shared/agent-nodes';
import { taskInputProblems } from './shared/task-input';
import { markWaiting } from './shared/task-status';
import { withCompletionWebhook } from './shared/webhook';

type AgentStepActivities = Record<AgentNode, (req: AgentStepRequest) => Promise<AgentStepResult>>;

const steps = proxyActivities<AgentStepActivities>({
  startToCloseTimeout: '5 minutes',
  // Steps heartbeat every 2 s, model calls included: a worker lost mid-step is noticed in 10 s.
  heartbeatTimeout: '10 seconds',
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
  state: 'running' | 'waiting_for_input' | 'completed';
  steps: StepRecord[];
  next: string[];
  /** While waiting: the question the agent asks the user. */
  waitingFor?: { ask: string };
}

export const askProgressQuery = defineQuery<AskProgress>('progress');
/** The user's reply to a clarifying question. Replies sent while nothing is asked are ignored. */
export const askInputSignal = defineSignal<[TaskReply]>('input');

const DEFAULT_CLARIFY_TIMEOUT_S = 24 * 3600;

/** Far above any budget the graph allows: a loop that gets here is a bug, not a slow answer. */
const MAX_STEPS = 60;

function validate(input: AskInput): void {
  const problems = taskInputProblems(input);
  const o = input.options ?? {};
  if (o.maxRetrievals !== undefined && !(o.maxRetrievals >= 1 && o.maxRetrievals <= 10))
    problems.push('options.maxRetrievals must be 1-10');
  if (o.maxGenerations !== undefined && !(o.maxGenerations >= 1 && o.maxGenerations <= 5))
    problems.push('options.maxGenerations must be 1-5');
  if (o.topK !== undefined && !(o.topK >= 1 && o.topK <= 50))
    problems.push('options.topK must be 1-50');
  if (o.allowClarify !== undefined && typeof o.allowClarify !== 'boolean')
    problems.push('options.allowClarify must be true or false');
  if (
    o.clarifyTimeoutSeconds !== undefined &&
    !(o.clarifyTimeoutSeconds >= 1 && o.clarifyTimeoutSeconds <= 7 * 24 * 3600)
  )
    problems.push('options.clarifyTimeoutSeconds must be 1-604800');
  if (input.webhook !== undefined && !/^https?:\/\/\S+$/.test(String(input.webhook)))
    problems.push('webhook must be an http(s) URL');
  if (problems.length)
    throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidAskInput');
}

/**
 * One question through the self-correcting agent: each LangGraph super-step is one activity named
 * after its node; the workflow carries the checkpoint, so a lost worker costs one step at most.
 */
export async function askWorkflow(input: AskInput): Promise<AskResult> {
  return withCompletionWebhook(input, () => answer(input));
}

async function answer(input: AskInput): Promise<AskResult> {
  validate(input);
  const progress: AskProgress = { state: 'running', steps: [], next: [FIRST_AGENT_NODE] };
  setHandler(askProgressQuery, () => progress);
  let reply: string | undefined;
  setHandler(askInputSignal, (input) => {
    if (progress.state === 'waiting_for_input' && reply === undefined)
      reply = typeof input?.text === 'string' ? input.text : '';
  });

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
    const resume = reply;
    reply = undefined;
    const result: AgentStepResult = await steps[node]({
      node,
      input,
      checkpoint,
      ...(resume !== undefined ? { resume } : {}),
    });
    checkpoint = result.checkpoint;
    progress.steps.push(result.step);
    progress.next = result.next;
    if (result.waitingFor) {
      progress.state = 'waiting_for_input';
      progress.waitingFor = result.waitingFor;
      markWaiting(true);
      const timeout = (input.options?.clarifyTimeoutSeconds ?? DEFAULT_CLARIFY_TIMEOUT_S) * 1000;
      // No reply in time: go on without one (an empty reply keeps the question as asked).
      if (!(await condition(() => reply !== undefined, timeout))) reply = '';
      progress.state = 'running';
      delete progress.waitingFor;
      markWaiting(false);
      continue;
    }
    if (result.next.length === 0) {
      if (!result.answer)
        throw ApplicationFailure.nonRetryable('the agent ended without an answer', 'NoAnswer');
      progress.state = 'completed';
      return { ...result.answer, steps: progress.steps };
    }
  }
  throw ApplicationFailure.nonRetryable('the agent ended without an answer', 'NoAnswer');
}
