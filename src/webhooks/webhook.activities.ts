import { ApplicationFailure, Context } from '@temporalio/activity';
import { SIGNATURE_HEADER, signWebhook } from './signature';

export interface WebhookDelivery {
  url: string;
  /** task.completed or task.failed */
  event: string;
  taskId: string;
  payload: Record<string, unknown>;
}

/** Statuses that say the receiver will never accept this delivery. */
const REFUSED = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * Delivers a finished task to its webhook, signed with the server's secret (which never enters
 * workflow history). Temporal retries failed deliveries with backoff; a 4xx other than 408/429
 * means the receiver refuses it, and retrying would not change that.
 */
export function createWebhookActivities({ webhookSecret }: { webhookSecret?: string }) {
  return {
    async deliverWebhook(delivery: WebhookDelivery): Promise<{ status: number }> {
      if (!webhookSecret)
        throw ApplicationFailure.nonRetryable(
          'QUARRY_WEBHOOK_SECRET is not set',
          'WebhookNotConfigured',
        );
      const body = JSON.stringify({ event: delivery.event, task: delivery.payload });
      const signature = signWebhook(webhookSecret, body, Math.floor(Date.now() / 1000));
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Quarry-Webhook/1',
          'x-quarry-event': delivery.event,
          // Same id on every attempt: receivers deduplicate retried deliveries by it.
          'x-quarry-delivery': `${delivery.taskId}:${delivery.event}`,
          [SIGNATURE_HEADER]: signature,
        },
        body,
        signal: AbortSignal.any([
          Context.current().cancellationSignal,
          AbortSignal.timeout(15_000),
        ]),
      });
      await res.body?.cancel();
      if (res.ok) return { status: res.status };
      const message = `webhook ${delivery.url} answered HTTP ${res.status}`;
      if (REFUSED(res.status)) throw ApplicationFailure.nonRetryable(message, 'WebhookRefused');
      throw ApplicationFailure.retryable(message, 'WebhookUnavailable');
    },
  };
}
