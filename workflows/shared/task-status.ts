import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';

/** The QuarryStatus search attribute (registered by Quarry on its namespace). */
const QUARRY_STATUS = defineSearchAttributeKey('QuarryStatus', SearchAttributeType.KEYWORD);

/**
 * Marks the task as waiting for the user, or not, in visibility, so `GET /v1/tasks?status=…` can
 * find waiting tasks without querying each one. Only called when waiting starts and ends.
 */
export function markWaiting(waiting: boolean): void {
  upsertSearchAttributes([
    { key: QUARRY_STATUS, value: waiting ? 'waiting_for_input' : 'running' },
  ]);
}
