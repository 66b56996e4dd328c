import {
  ContinueAsNew,
  isCancellation,
  log,
  patched,
  proxyActivities,
  workflowInfo,
  type ActivityInterfaceFor,
} from '@temporalio/workflow';
import type { createWebhookActivities } from '../../src/webhooks/webhook.activities';

const { deliverWebhook } = proxyActivities<
  ActivityInterfaceFor<ReturnType<typeof createWebhookActivities>>
>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['WebhookRefused', 'WebhookNotConfigured'],
  },
});

/**
 * Runs before continue-as-new used to tell the webhook `task.failed`; histories without this marker
 * replay that delivery as they recorded it.
 */
export const CONTINUE_AS_NEW_IS_NOT_AN_END = 'webhook-continue-as-new-is-not-an-end';

/**
 * Runs a task and then tells its webhook how it ended (completed or failed; a cancelled task was
 * ended by its caller, who knows; a run that continues as new has not ended: its last run tells).
 * A delivery that fails for good is logged: the task's own result stands either way. Each tenant's
 * deliveries are signed with that tenant's own secret.
 */
export async function withCompletionWebhook<T>(
  task: { webhook?: string; tenant: string },
  run: () => Promise<T>,
): Promise<T> {
  const { webhook, tenant } = task;
  if (!webhook) return run();
  const taskId = workflowInfo().workflowId;
  const deliver = async (event: string, payload: Record<string, unknown>) => {
    try {
      await deliverWebhook({
        url: webhook,
        event,
        taskId,
        tenant,
        payload: { id: taskId, ...payload },
      });
    } catch (err) {
      log.warn('webhook delivery failed', { webhook, error: (err as Error).message });
    }
  };
  let result: T;
  try {
    result = await run();
  } catch (err) {
    if (err instanceof ContinueAsNew && patched(CONTINUE_AS_NEW_IS_NOT_AN_END)) throw err;
    if (!isCancellation(err)) {
      await deliver('task.failed', { status: 'failed', error: (err as Error).message });
    }
    throw err;
  }
  await deliver('task.completed', { status: 'completed', result });
  return result;
}
