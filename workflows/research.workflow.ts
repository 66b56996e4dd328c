import {
  ApplicationFailure,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  type ActivityInterfaceFor,
} from '@temporalio/workflow';
import type { createResearchActivities } from '../src/research/research.activities';
import type { createScheduledRunActivities } from '../src/schedules/scheduled-run.activities';
import { askWorkflow } from './ask.workflow';
import type {
  Finding,
  ResearchInput,
  ResearchProgress,
  ResearchResult,
  TaskReply,
  Usage,
} from './contract';
import { inputUpdate, legacyInputSignal, progressQuery } from './contract/definitions';
import { researchInputSchema, taskReplySchema } from './contract/inputs';
import { LIMITS } from './contract/limits';
import { problemsWith } from './contract/problems';
import { addUsage, ZERO_USAGE } from './contract/usage';
import { replyValidator } from './shared/replies';
import { markWaiting } from './shared/task-status';
import { withCompletionWebhook } from './shared/webhook';

const { planResearch, synthesizeReport } = proxyActivities<
  ActivityInterfaceFor<ReturnType<typeof createResearchActivities>>
>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['InvalidResearchInput'] },
});

const { recordScheduledRun } = proxyActivities<
  ActivityInterfaceFor<ReturnType<typeof createScheduledRunActivities>>
>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 5 } });

/** Before it, a plan waited for approval with no timer; histories without it replay that way. */
export const PLAN_APPROVAL_TIMES_OUT = 'research-plan-approval-times-out';
/** Well under Temporal's 50k-event limit; a plan of 20 sub-questions uses a few hundred. */
const HISTORY_BUDGET = 5000;

function validate(input: ResearchInput): void {
  const problems = problemsWith(researchInputSchema, input);
  if (problems.length)
    throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidResearchInput');
}

/**
 * Research: plan sub-questions, optionally let the user approve or edit the plan, answer each as a
 * child askWorkflow (a few at once), then write a report whose every claim cites its chunks.
 */
export async function researchWorkflow(input: ResearchInput): Promise<ResearchResult> {
  return withCompletionWebhook(input, () => research(input));
}

async function research(input: ResearchInput): Promise<ResearchResult> {
  validate(input);
  const o = input.options ?? {};
  const carried = input.carried;
  const progress: ResearchProgress = {
    state: carried ? 'running' : 'planning',
    plan: carried?.plan ?? [],
    done: carried?.findings.filter(Boolean).length ?? 0,
    steps: carried?.steps ?? [],
  };
  setHandler(progressQuery, () => progress);
  let reply: TaskReply | undefined;
  const asking = () => progress.state === 'waiting_for_input' && reply === undefined;
  const take = (r: TaskReply | undefined) => {
    reply = r ?? {};
  };
  setHandler(inputUpdate, take, { validator: replyValidator(asking, () => progress.state) });
  setHandler(legacyInputSignal, (r) => {
    if (asking()) take(r);
  });
  let usage: Usage = carried?.usage ?? { ...ZERO_USAGE };
  const record = (node: string, started: number) =>
    progress.steps.push({
      node,
      startedAt: new Date(started).toISOString(),
      ms: Date.now() - started,
    });

  if (!carried) {
    if (o.subQuestions) {
      progress.plan = o.subQuestions.map((q) => q.trim());
    } else {
      const started = Date.now();
      const planned = await planResearch({
        question: input.question,
        maxSubQuestions: o.maxSubQuestions ?? LIMITS.maxSubQuestions.default,
      });
      progress.plan = planned.subQuestions;
      usage = addUsage(usage, planned.usage);
      record('plan', started);
    }
    if (o.approvePlan) {
      progress.state = 'waiting_for_input';
      progress.waitingFor = {
        ask: 'Approve or edit the plan',
        plan: progress.plan,
      };
      markWaiting(true);
      const timeout = (o.approvalTimeoutSeconds ?? LIMITS.approvalTimeoutSeconds.default) * 1000;
      // No reply in time: the proposed plan goes ahead, as if approved (as an unanswered
      // clarification goes ahead without a reply).
      if (patched(PLAN_APPROVAL_TIMES_OUT)) {
        if (!(await condition(() => reply !== undefined, timeout))) reply = {};
      } else {
        await condition(() => reply !== undefined);
      }
      markWaiting(false);
      delete progress.waitingFor;
      if (reply?.approve === false)
        throw ApplicationFailure.nonRetryable('the plan was rejected', 'PlanRejected');
      if (reply?.subQuestions !== undefined) {
        // The update's validator refused a bad plan; one that came by signal fails the task.
        const problems = problemsWith(taskReplySchema, { subQuestions: reply.subQuestions });
        if (problems.length)
          throw ApplicationFailure.nonRetryable(
            `an edited plan is refused: ${problems.join('; ')}`,
            'InvalidResearchInput',
          );
        progress.plan = reply.subQuestions.map((q) => q.trim());
      }
    }
  }
  progress.state = 'running';
  const plan = progress.plan;
  const findings: (Finding | null)[] = carried?.findings ?? plan.map(() => null);
  const concurrency = o.concurrency ?? LIMITS.concurrency.default;
  const { workflowId, taskQueue } = workflowInfo();

  let next = findings.findIndex((f) => f === null);
  const answerOne = async (i: number) => {
    const started = Date.now();
    let finding: Finding;
    try {
      const result = await executeChild(askWorkflow, {
        workflowId: `${workflowId}-q${i}`,
        taskQueue,
        args: [
          {
            tenant: input.tenant,
            collection: input.collection,
            question: plan[i],
            options: o.ask,
          },
        ],
      });
      finding = {
        subQuestion: plan[i],
        answer: result.answer,
        abstained: result.abstained,
        citations: result.citations,
      };
      usage = addUsage(usage, result.usage);
    } catch (err) {
      // A cancelled research task stops; it must not go on as if its sub-questions had no answer.
      if (isCancellation(err)) throw err;
      // One sub-question failing is a gap in the report, not a failed research task. The child's
      // own failure says why; the wrapper only says that a child failed.
      const cause = (err as Error & { cause?: Error }).cause;
      finding = {
        subQuestion: plan[i],
        answer: cause?.message || (err as Error).message,
        abstained: true,
        citations: [],
      };
    }
    findings[i] = finding;
    progress.done++;
    record(`ask:${i}`, started);
  };
  const lane = async () => {
    while (next >= 0 && next < plan.length) {
      const i = next;
      next = findings.findIndex((f, j) => f === null && j > i);
      if (findings[i] === null) await answerOne(i);
      const info = workflowInfo();
      if (info.continueAsNewSuggested || info.historyLength > HISTORY_BUDGET) return;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, lane));
  if (findings.some((f) => f === null)) {
    // Long plans start over with a fresh history, carrying what is already answered.
    await continueAsNew<typeof researchWorkflow>({
      ...input,
      carried: { plan, findings, steps: progress.steps, usage },
    });
  }

  progress.state = 'synthesizing';
  const started = Date.now();
  const done = findings as Finding[];
  const report = await synthesizeReport({
    question: input.question,
    findings: done,
    previous: input.schedule ? (input.previous ?? null) : undefined,
  });
  record('synthesize', started);
  if (input.schedule) await leaveForNextRun(input.schedule, report.citations, done);
  progress.state = 'completed';
  return {
    ...report,
    findings: done,
    abstained: done.every((f) => f.abstained),
    usage,
    steps: progress.steps,
  };
}

/** What the schedule's next run compares with; failing to leave it does not fail this report. */
async function leaveForNextRun(
  schedule: string,
  citations: { source: string; quote: string }[],
  findings: Finding[],
): Promise<void> {
  try {
    await recordScheduledRun({
      schedule,
      taskId: workflowInfo().workflowId,
      citations: citations.map(({ source, quote }) => ({ source, quote })),
      answered: findings.filter((f) => !f.abstained).map((f) => f.subQuestion),
    });
  } catch (err) {
    if (isCancellation(err)) throw err;
  }
}
