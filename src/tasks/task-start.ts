import type { SearchAttributePair } from '@temporalio/common';
import {
  askInputSchema,
  problemsWith,
  researchInputSchema,
  type AskInput,
  type AskOptions,
  type ResearchInput,
  type ResearchOptions,
} from '../../workflows/contract';
import { ApiError } from '../api/api-error';
import { boundedAttributeText, searchAttributeKeys } from '../temporal/search-attributes';
import type { CreateTaskBody } from './task-requests';
import { WORKFLOW_OF_MODE, type TaskMode } from './task-status';
import type { TaskMemo } from './task-view';

export type TaskInput = AskInput | ResearchInput;

/**
 * Everything a task's workflow is started with. The tasks API starts it at once; a schedule's
 * action starts it on every run. Built in one place so both start the same workflow the same way.
 */
export interface TaskStart {
  mode: TaskMode;
  workflowType: (typeof WORKFLOW_OF_MODE)[TaskMode];
  input: TaskInput;
  memo: TaskMemo;
  typedSearchAttributes: SearchAttributePair[];
}

/** The search attributes the task list filters on. */
export function taskSearchAttributes(mode: TaskMode, input: TaskInput): SearchAttributePair[] {
  return [
    { key: searchAttributeKeys.tenant, value: input.tenant },
    { key: searchAttributeKeys.collection, value: input.collection },
    { key: searchAttributeKeys.mode, value: mode },
    // A bounded prefix, for lists and search; the memo keeps the whole question.
    { key: searchAttributeKeys.question, value: boundedAttributeText(input.question) },
  ];
}

/** Only the options given: an option left out takes the workflow's default. */
function defined<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The mode's workflow input for a POST /v1/tasks body: the API's flat options as each workflow
 * takes them (research passes the answer options down to its sub-questions).
 */
function workflowInput(
  tenant: string,
  mode: TaskMode,
  body: CreateTaskBody,
  schedule?: string,
): TaskInput {
  const o = body.options ?? {};
  const task = {
    tenant,
    collection: body.collection,
    question: body.question,
    ...(body.webhook ? { webhook: body.webhook } : {}),
  };
  const ask: AskOptions = defined({
    maxRetrievals: o.maxRetrievals,
    maxGenerations: o.maxGenerations,
    topK: o.topK,
  });
  if (mode === 'research') {
    const options: ResearchOptions = defined({
      maxSubQuestions: o.maxSubQuestions,
      concurrency: o.concurrency,
      approvePlan: o.approvePlan,
      approvalTimeoutSeconds: o.approvalTimeoutSeconds,
      subQuestions: o.subQuestions,
      ask,
    });
    // A scheduled research run compares its report with the schedule's previous run.
    return { ...task, options, ...(schedule ? { schedule } : {}) };
  }
  const options: AskOptions = defined({
    ...ask,
    allowClarify: o.allowClarify,
    clarifyTimeoutSeconds: o.clarifyTimeoutSeconds,
  });
  return { ...task, options };
}

/**
 * The start of a task whose body the API has validated, checked once more against the workflow's
 * own schema: what the API starts (now, or on every run of a schedule) is what the workflow takes.
 */
export function taskStart(
  tenant: string,
  body: CreateTaskBody,
  options: { schedule?: string } = {},
): TaskStart {
  const mode = body.mode ?? 'answer';
  const input = workflowInput(tenant, mode, body, options.schedule);
  const problems = problemsWith(mode === 'research' ? researchInputSchema : askInputSchema, input);
  if (problems.length) throw new ApiError(400, 'validation_failed', problems.join('; '));
  return {
    mode,
    workflowType: WORKFLOW_OF_MODE[mode],
    input,
    memo: { question: body.question, input },
    typedSearchAttributes: taskSearchAttributes(mode, input),
  };
}
