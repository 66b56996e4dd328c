import {
  ActivityCancellationType,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  type RetryPolicy,
} from '@temporalio/workflow';
import type {
  AgentStepDeclined,
  AgentStepMode,
  AgentStepRequest,
  AgentStepResult,
} from '../src/agent/ask.types';
import type { CarriedCheckpoint } from '../src/agent/checkpoint';
import type { AskInput, AskProgress, AskResult } from './contract';
import { inputUpdate, legacyInputSignal, progressQuery } from './contract/definitions';
import { askInputSchema } from './contract/inputs';
import { LIMITS } from './contract/limits';
import { problemsWith } from './contract/problems';
import { AGENT_NODES, FIRST_AGENT_NODE, type AgentNode } from './shared/agent-nodes';
import { replyValidator } from './shared/replies';
import { markWaiting } from './shared/task-status';
import { withCompletionWebhook } from './shared/webhook';

type AgentStepActivities = Record<
  AgentNode,
  (req: AgentStepRequest) => Promise<AgentStepResult | AgentStepDeclined>
>;

const retry: RetryPolicy = {
  initialInterval: '500 milliseconds',
  backoffCoefficient: 2,
  maximumInterval: '20 seconds',
  maximumAttempts: 8,
  nonRetryableErrorTypes: ['StepMismatchError', 'InvalidAskInput', 'KnowledgeBaseNotFoundError'],
};

const STEP_OPTIONS = {
  startToCloseTimeout: '5 minutes',
  // Steps heartbeat every 2 s, model calls included: a worker lost mid-step is noticed in 10 s.
  heartbeatTimeout: '10 seconds',
  // A cancelled task ends only once the step in flight has stopped its model call.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
} as const;

const steps = proxyActivities<AgentStepActivities>(STEP_OPTIONS);

/**
 * Steps given the start-to-close timeout the previous step's worker named for a model-backed
 * step (it follows the model's configured timeout: a small local model on a loaded CPU needs
 * more than the default). Heartbeats still notice a lost worker within 10 s.
 */
function stepsWithin(timeoutMs: number | undefined): AgentStepActivities {
  return timeoutMs === undefined
    ? steps
    : proxyActivities<AgentStepActivities>({ ...STEP_OPTIONS, startToCloseTimeout: timeoutMs });
}

/**
 * Steps that call no chat model (docs/BENCHMARKS.md, "orchestration levers"): run by the worker
 * that runs the workflow, recorded as one marker, without an activity task's two round trips
 * through the server. They have no heartbeat (a lost worker is noticed when the workflow task
 * times out, 10 s) and show in the UI as markers rather than activities.
 */
const lightSteps = proxyLocalActivities<AgentStepActivities>({
  startToCloseTimeout: '5 minutes',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
});

/** Workflows started before local steps existed replay with regular activities only. */
const LOCAL_STEPS_PATCH = 'agent-light-steps-local';

/** Asks the worker once whether the first step is light, so it can be local too. */
const stepMode = proxyLocalActivities<{ agentStepMode(): Promise<AgentStepMode> }>({
  startToCloseTimeout: '10 seconds',
  retry,
});

/** Workflows started before the first step could be local replay with it as an activity. */
const FIRST_STEP_LOCAL_PATCH = 'agent-first-step-local';

/**
 * The first step offered straight to the worker holding the workflow task as a local call, which
 * runs it where that worker would (and declines otherwise): one round trip between the workflow
 * and the worker per ask instead of two (`agentStepMode`, then the step).
 */
const FIRST_STEP_OFFERED_PATCH = 'agent-first-step-offered';

/** Far above any budget the graph allows: a loop that gets here is a bug, not a slow answer. */
const MAX_STEPS = 60;

function validate(input: AskInput): void {
  const problems = problemsWith(askInputSchema, input);
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
  setHandler(progressQuery, () => progress);
  let reply: string | undefined;
  const asking = () => progress.state === 'waiting_for_input' && reply === undefined;
  // An empty reply keeps the question as asked.
  const take = (r: { text?: unknown } | undefined) => {
    reply = typeof r?.text === 'string' ? r.text : '';
  };
  setHandler(inputUpdate, take, { validator: replyValidator(asking, () => progress.state) });
  setHandler(legacyInputSignal, (r) => {
    if (asking()) take(r);
  });

  const localSteps = patched(LOCAL_STEPS_PATCH);
  let checkpoint: CarriedCheckpoint | null = null;
  // Each step says whether the next one is light (as the worker is configured); the first is
  // offered to the worker holding the workflow task as a local call, which runs or declines it.
  // Runs started before that asked the worker first (`agentStepMode`), or made it an activity.
  const offered = localSteps && patched(FIRST_STEP_OFFERED_PATCH);
  let light = offered
    ? true
    : localSteps && patched(FIRST_STEP_LOCAL_PATCH)
      ? (await stepMode.agentStepMode()).firstIsLight
      : false;
  // Named by each step's result for the next one; the default before the first.
  let timeoutMs: number | undefined;
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
    const req: AgentStepRequest = {
      node,
      input,
      checkpoint,
      ...(resume !== undefined ? { resume } : {}),
    };
    const activities = stepsWithin(timeoutMs);
    const ran = localSteps && light ? await lightSteps[node](req) : await activities[node](req);
    // Declined by the worker (only ever a local call): it runs the step as an activity.
    const result = 'declined' in ran ? await activities[node](req) : ran;
    if ('declined' in result)
      throw ApplicationFailure.nonRetryable(`step ${node} was declined`, 'StepDeclined');
    checkpoint = result.checkpoint;
    light = result.nextIsLight === true;
    timeoutMs = result.nextTimeoutMs;
    progress.steps.push(result.step);
    progress.next = result.next;
    if (result.waitingFor) {
      progress.state = 'waiting_for_input';
      progress.waitingFor = result.waitingFor;
      markWaiting(true);
      const timeout =
        (input.options?.clarifyTimeoutSeconds ?? LIMITS.clarifyTimeoutSeconds.default) * 1000;
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
