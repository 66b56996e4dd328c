import type { SearchAttributePair } from '@temporalio/common';
import { boundedAttributeText, searchAttributeKeys } from '../temporal/search-attributes';
import type { CreateTaskDto } from './task.dto';
import { WORKFLOW_OF_MODE, type TaskMode } from './task-status';
import type { TaskMemo } from './task-view';
import { workflowOptions } from './task-mapping';

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
    // A bounded prefix, for lists and search; the memo keeps the whole question.
    { key: searchAttributeKeys.question, value: boundedAttributeText(String(input.question)) },
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
