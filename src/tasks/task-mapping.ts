import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { TaskProgress } from '../../workflows/contract';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { MODE_OF_WORKFLOW, STATUS_OF_EXECUTION } from './task-status';
import type { TaskSummary, TaskView } from './task-view';

/** A running task's view from what its workflow reports (nothing yet: it is still queued). */
export function applyProgress(view: TaskView, progress: TaskProgress | undefined): void {
  view.steps = progress?.steps ?? [];
  const partial = progress && 'plan' in progress ? progress : undefined;
  if (progress?.waitingFor) {
    view.status = 'waiting_for_input';
    view.waitingFor = progress.waitingFor;
  } else if (view.steps.length === 0 && !partial?.plan.length) {
    view.status = 'queued';
  }
  if (partial) view.partial = { plan: partial.plan, done: partial.done };
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
