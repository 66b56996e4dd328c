/** A task's status as the API reports it. */
export const TASK_STATUSES = [
  'queued',
  'running',
  'waiting_for_input',
  'completed',
  'failed',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_MODES = ['answer', 'research'] as const;
export type TaskMode = (typeof TASK_MODES)[number];

/** The workflow behind each mode. */
export const WORKFLOW_OF_MODE = {
  answer: 'askWorkflow',
  research: 'researchWorkflow',
} as const satisfies Record<TaskMode, string>;

/** The mode of each task workflow type, the other way round (other workflow types are no tasks). */
export const MODE_OF_WORKFLOW: Partial<Record<string, TaskMode>> = Object.fromEntries(
  TASK_MODES.map((mode) => [WORKFLOW_OF_MODE[mode], mode]),
);

/** Temporal's execution statuses (by name) as task statuses; running is refined by progress. */
export const STATUS_OF_EXECUTION: Record<string, TaskStatus> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
  TERMINATED: 'failed',
  CANCELLED: 'cancelled',
  CONTINUED_AS_NEW: 'running',
};

/** The same, by the numeric enum raw visibility rows carry (temporal.api.enums.v1). */
export const STATUS_OF_EXECUTION_CODE: Record<number, TaskStatus> = {
  1: 'running',
  2: 'completed',
  3: 'failed',
  4: 'cancelled',
  5: 'failed',
  6: 'running',
  7: 'failed',
};
