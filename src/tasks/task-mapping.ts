import type { WorkflowExecutionDescription } from '@temporalio/client';
import { searchAttributeKeys } from '../temporal/search-attributes';
import type { CreateTaskDto } from './task.dto';
import { STATUS_OF_EXECUTION, type TaskMode } from './task-status';
import type { TaskSummary } from './task-view';

/** The API mode of each task workflow type (other workflow types are not tasks). */
export const MODE_OF_WORKFLOW: Record<string, TaskMode> = {
  askWorkflow: 'answer',
  researchWorkflow: 'research',
};

/** The API's flat options as each workflow takes them; research passes the answer options down. */
export function workflowOptions(mode: TaskMode, o: NonNullable<CreateTaskDto['options']>) {
  const ask = { maxRetrievals: o.maxRetrievals, maxGenerations: o.maxGenerations, topK: o.topK };
  const defined = (x: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
  return mode === 'research'
    ? defined({
        maxSubQuestions: o.maxSubQuestions,
        concurrency: o.concurrency,
        approvePlan: o.approvePlan,
        approvalTimeoutSeconds: o.approvalTimeoutSeconds,
        subQuestions: o.subQuestions,
        ask: defined(ask),
      })
    : defined({
        ...ask,
        allowClarify: o.allowClarify,
        clarifyTimeoutSeconds: o.clarifyTimeoutSeconds,
      });
}

export function summaryOf(d: WorkflowExecutionDescription): TaskSummary {
  const start = d.startTime.getTime();
  const close = d.closeTime?.getTime();
  return {
    id: d.workflowId,
    status: STATUS_OF_EXECUTION[d.status.name] ?? 'running',
    mode: MODE_OF_WORKFLOW[d.type] ?? 'answer',
    collection: d.typedSearchAttributes.get(searchAttributeKeys.collection) ?? '',
    question: d.typedSearchAttributes.get(searchAttributeKeys.question) ?? '',
    createdAt: d.startTime.toISOString(),
    closedAt: d.closeTime?.toISOString() ?? null,
    durationMs: (close ?? Date.now()) - start,
  };
}

export function timestampMs(
  t: { seconds?: unknown; nanos?: number | null } | null | undefined,
): number | undefined {
  if (!t) return undefined;
  return Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
}
