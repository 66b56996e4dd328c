import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from '../api/api-error';
import { mapTemporalError } from '../api/temporal-errors';

/** How long a reply waits for a worker to take it (a worker answers in milliseconds). */
export const REPLY_DEADLINE_MS = 20_000;

/** The 409 of a reply to a task that asks nothing, in the validator's words for a closed one. */
export const notWaiting = (id: string, status: string) =>
  new ApiError(409, 'conflict', `Task ${id} is not waiting for input (it is ${status})`);

/**
 * How the API answers a reply the workflow did not take: the update validator's refusal with its
 * reason (409, or 400 for a malformed reply), a task that ended meanwhile, or no worker in time.
 */
export function replyRefusal(err: unknown, id: string): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    const { cause } = err;
    if (cause instanceof ApplicationFailure && cause.type === 'InvalidReply')
      return new ApiError(400, 'validation_failed', cause.message);
    return new ApiError(409, 'conflict', cause?.message ?? err.message);
  }
  if (err instanceof WorkflowNotFoundError) return notWaiting(id, 'ended');
  if (mapTemporalError(err)?.status === 503)
    return new ApiError(503, 'unavailable', 'No worker took the reply in time; retry shortly');
  return err;
}
