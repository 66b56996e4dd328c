import { ApiError } from '../api/api-error';
import type { WebhookAllowList } from './allow-list';
import { checkWebhookUrl } from './webhook-target';

/** The creation-time check of a task's webhook: 400 naming the field, without any DNS lookup. */
export function assertWebhookAllowed(webhook: string, allow: WebhookAllowList): void {
  try {
    checkWebhookUrl(webhook, allow);
  } catch (err) {
    const problem = (err as Error).message;
    // The same shape as the validation pipe's errors: the field, then what is wrong with it.
    throw new ApiError(400, 'validation_failed', `webhook: ${problem}`, [
      { field: 'webhook', problems: [problem] },
    ]);
  }
}
