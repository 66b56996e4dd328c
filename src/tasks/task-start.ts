import type { SearchAttributePair } from '@temporalio/common';
import { searchAttributeKeys } from '../temporal/search-attributes';
import type { CreateTaskDto } from './task.dto';
import { WORKFLOW_OF_MODE, type TaskMode } from './task-status';
import type { TaskMemo } from './task-view';

/**
 * Everything a task's workflow is started with. The tasks API starts it at once; a schedule's
 * action starts it on every run. Built in one place so both start the same workflow the same way.
 */
export interface TaskStart {
  mode: TaskMode;
  workflowType: string;
  input: Record<string, unknown>;
  memo: TaskMemo;
  typedSearchAttributes: SearchAttributePair[];
}

/** The search attributes the task list filters on. */
export function taskSearchAttributes(
  mode: TaskMode,
  input: Record<string, unknown>,
): SearchAttributePair[] {
  return [
    { key: searchAttributeKeys.tenant, value: String(input.tenant) },
    { key: searchAttributeKeys.collection, value: String(input.collection) },
    { key: searchAttributeKeys.mode, value: mode },
    { key: searchAttributeKeys.question, value: String(input.question) },
  ];
}

/** The workflow input of a task as the API takes it (already validated). */
export function taskStart(tenant: string, dto: CreateTaskDto): TaskStart {
  const mode = dto.mode ?? 'answer';
  const input: Record<string, unknown> = {
    tenant,
    collection: dto.collection,
    question: dto.question,
    options: workflowOptions(mode, dto.options ?? {}),
    ...(dto.webhook ? { webhook: dto.webhook } : {}),
  };
  return {
    mode,
    workflowType: WORKFLOW_OF_MODE[mode],
    input,
    memo: { question: dto.question, input },
    typedSearchAttributes: taskSearchAttributes(mode, input),
  };
}

/** The API's flat options as each workflow takes them; research passes the answer options down. */
function workflowOptions(mode: TaskMode, o: NonNullable<CreateTaskDto['options']>) {
  const ask = { maxRetrievals: o.maxRetrievals, maxGenerations: o.maxGenerations, topK: o.topK };
  const defined = (x: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
  return mode === 'research'
    ? defined({
        maxSubQuestions: o.maxSubQuestions,
        concurrency: o.concurrency,
        approvePlan: o.approvePlan,
        subQuestions: o.subQuestions,
        ask: defined(ask),
      })
    : defined({
        ...ask,
        allowClarify: o.allowClarify,
        clarifyTimeoutSeconds: o.clarifyTimeoutSeconds,
      });
}
