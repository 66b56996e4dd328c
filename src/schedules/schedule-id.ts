import { createHash, randomUUID } from 'node:crypto';

/** Schedule ids Quarry hands out: `sched-` and 32 hex digits (a UUID, or a hash of an idempotency key). */
export const SCHEDULE_ID = /^sched-[0-9a-f-]{32,36}$/;

/**
 * A new schedule's id. With an Idempotency-Key the same tenant and key always give the same id, so
 * a retried create finds the schedule it made; tenants never collide (the tenant is hashed in).
 */
export function newScheduleId(tenant: string, idempotencyKey?: string): string {
  return idempotencyKey
    ? `sched-${createHash('sha256').update(`${tenant}\0${idempotencyKey}`).digest('hex').slice(0, 32)}`
    : `sched-${randomUUID()}`;
}

/**
 * The workflow id prefix of a schedule's runs; Temporal appends each run's scheduled time, so a
 * run's task id reads `task-sched-…-2026-12-07T09:00:00Z`.
 */
export function runIdPrefix(scheduleId: string): string {
  return `task-${scheduleId}`;
}
