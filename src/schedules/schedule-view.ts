import type { ScheduleDescription } from '@temporalio/client';
import type { CreateTaskBody } from '../tasks/task-requests';
import type { OverlapPolicy } from './schedule-spec';

/** What Quarry keeps in a schedule's memo: whose it is and the definition as the user gave it. */
export interface ScheduleMemo {
  quarry: 1;
  tenant: string;
  task: CreateTaskBody;
  cron?: string;
  every?: string;
  timezone: string;
  overlap: OverlapPolicy;
  createdAt: string;
}

export interface ScheduleRun {
  /** The run's task: GET /v1/tasks/:id. */
  taskId: string;
  scheduledAt: string;
  startedAt: string;
}

export interface ScheduleView {
  id: string;
  task: CreateTaskBody;
  cron: string | null;
  every: string | null;
  timezone: string;
  overlap: OverlapPolicy;
  paused: boolean;
  note: string | null;
  createdAt: string;
  /** The next times it will run (none while paused). */
  nextRuns: string[];
  /** Its latest runs, newest first (Temporal keeps the last ten). */
  recentRuns: ScheduleRun[];
  /** Runs started so far, triggers included. */
  runCount: number;
}

const NEXT_RUNS_SHOWN = 5;

/**
 * Temporal ignores a pause or unpause whose note is empty, so one without the user's note gets
 * these; they say nothing the `paused` flag does not, so the view leaves them out.
 */
export const PAUSED_NOTE = 'paused';
export const RESUMED_NOTE = 'resumed';

export function scheduleView(d: ScheduleDescription, memo: ScheduleMemo): ScheduleView {
  return {
    id: d.scheduleId,
    task: memo.task,
    cron: memo.cron ?? null,
    every: memo.every ?? null,
    timezone: memo.timezone,
    overlap: memo.overlap,
    paused: d.state.paused,
    note: [PAUSED_NOTE, RESUMED_NOTE, ''].includes(d.state.note ?? '') ? null : d.state.note!,
    createdAt: memo.createdAt,
    nextRuns: d.state.paused
      ? []
      : d.info.nextActionTimes.slice(0, NEXT_RUNS_SHOWN).map((t) => t.toISOString()),
    recentRuns: [...d.info.recentActions].reverse().map((a) => ({
      taskId: a.action.workflow.workflowId,
      scheduledAt: a.scheduledAt.toISOString(),
      startedAt: a.takenAt.toISOString(),
    })),
    runCount: d.info.numActionsTaken,
  };
}
