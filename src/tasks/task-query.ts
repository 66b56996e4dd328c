import { createHash } from 'node:crypto';
import { TASK_MODES, WORKFLOW_OF_MODE, type TaskMode, type TaskStatus } from './task-status';

export interface TaskFilters {
  status?: TaskStatus;
  mode?: TaskMode;
  collection?: string;
  /** ISO times bounding when the task was created. */
  from?: string;
  to?: string;
  /** Words that must appear in the question. */
  text?: string;
  /** Only the runs of this schedule. */
  schedule?: string;
}

/** Visibility list filters: each API status maps to Temporal execution statuses. */
const EXECUTION_STATUSES: Record<TaskStatus, string[]> = {
  queued: ['Running'],
  running: ['Running'],
  waiting_for_input: ['Running'],
  completed: ['Completed'],
  failed: ['Failed', 'TimedOut', 'Terminated'],
  cancelled: ['Canceled'],
};

/** A string literal in Temporal's SQL-like visibility language. */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The visibility query for one tenant's tasks. The tenant clause is always there: it is what keeps
 * one tenant's list from showing another's. Values are quoted, never spliced raw.
 */
export function taskListQuery(tenant: string, filters: TaskFilters): string {
  const modes = filters.mode ? [filters.mode] : [...TASK_MODES];
  const clauses = [
    `WorkflowType IN (${modes.map((m) => literal(WORKFLOW_OF_MODE[m])).join(', ')})`,
    `QuarryTenant = ${literal(tenant)}`,
  ];
  if (filters.status) {
    const statuses = EXECUTION_STATUSES[filters.status].map(literal).join(', ');
    clauses.push(`ExecutionStatus IN (${statuses})`);
    if (filters.status === 'waiting_for_input')
      clauses.push(`QuarryStatus = ${literal('waiting_for_input')}`);
  }
  if (filters.collection) clauses.push(`QuarryCollection = ${literal(filters.collection)}`);
  if (filters.from) clauses.push(`StartTime >= ${literal(filters.from)}`);
  if (filters.to) clauses.push(`StartTime <= ${literal(filters.to)}`);
  if (filters.text) clauses.push(`QuarryQuestion = ${literal(filters.text)}`);
  // Temporal itself sets this on every workflow a schedule starts (runs and triggers alike).
  if (filters.schedule) clauses.push(`TemporalScheduledById = ${literal(filters.schedule)}`);
  // Visibility lists newest first by itself; SQL-backed visibility rejects ORDER BY.
  return clauses.join(' AND ');
}

/**
 * Visibility's page token, opaque to clients, with a checksum: Temporal answers a token it did not
 * issue with an UNKNOWN error (after retries), so anything else is refused here as a 400 first.
 */
export function encodeCursor(token: Uint8Array | null | undefined): string | null {
  if (!token || !token.length) return null;
  return `${Buffer.from(token).toString('base64url')}.${checksum(token)}`;
}

export function decodeCursor(cursor: string | undefined): Uint8Array | undefined {
  if (!cursor) return undefined;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{8})$/.exec(cursor);
  const token = match ? new Uint8Array(Buffer.from(match[1], 'base64url')) : undefined;
  if (!token?.length || checksum(token) !== match?.[2])
    throw new Error('cursor is not one this API returned');
  return token;
}

function checksum(token: Uint8Array): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 8);
}
