import { ApplicationFailure, Context } from '@temporalio/activity';
import { lookup } from 'node:dns/promises';
import { EMPTY_ALLOW_LIST, type WebhookAllowList } from './allow-list';
import { postPinned } from './pinned-post';
import { SIGNATURE_HEADER, signWebhook } from './signature';
import { tenantWebhookSecret } from './tenant-secret';
import { resolveWebhookTarget, WebhookAddressError, type HostResolver } from './webhook-target';

export interface WebhookDelivery {
  url: string;
  /** task.completed or task.failed */
  event: string;
  taskId: string;
  /** Whose secret signs it. Deliveries scheduled before per-tenant secrets have none. */
  tenant?: string;
  payload: Record<string, unknown>;
}

export interface WebhookDeps {
  webhookSecret?: string;
  webhookAllowHosts?: WebhookAllowList;
  /** The system resolver (getaddrinfo, so /etc/hosts counts) unless a test injects one. */
  resolveHost?: HostResolver;
}

const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** Statuses that say the receiver will never accept this delivery. */
const REFUSED = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * Delivers a finished task to its webhook, signed with the tenant's secret (which never enters
 * workflow history). The address is checked again here, after DNS, and the connection pinned to
 * the checked address. Temporal retries failed deliveries with backoff; a refused address, a
 * redirect, or a 4xx other than 408/429 is final: retrying would not change it.
 */
export function createWebhookActivities({
  webhookSecret,
  webhookAllowHosts = EMPTY_ALLOW_LIST,
  resolveHost = systemResolver,
}: WebhookDeps) {
  return {
    async deliverWebhook(delivery: WebhookDelivery): Promise<{ status: number }> {
      if (!webhookSecret)
        throw ApplicationFailure.nonRetryable(
          'QUARRY_WEBHOOK_SECRET is not set',
          'WebhookNotConfigured',
        );
      if (!delivery.tenant)
        throw ApplicationFailure.nonRetryable(
          'this delivery was scheduled before per-tenant secrets and names no tenant to sign for',
          'WebhookNotConfigured',
        );
      let target: Awaited<ReturnType<typeof resolveWebhookTarget>>;
      try {
        target = await resolveWebhookTarget(delivery.url, webhookAllowHosts, resolveHost);
      } catch (err) {
        const message = `webhook ${delivery.url}: ${(err as Error).message}`;
        if (err instanceof WebhookAddressError)
          throw ApplicationFailure.nonRetryable(message, 'WebhookAddressRefused');
        // A name that does not resolve now may resolve later (DNS outages happen).
        throw ApplicationFailure.retryable(message, 'WebhookUnavailable');
      }
      const body = JSON.stringify({ event: delivery.event, task: delivery.payload });
      const secret = tenantWebhookSecret(webhookSecret, delivery.tenant);
      const signature = signWebhook(secret, body, Math.floor(Date.now() / 1000));
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'Quarry-Webhook/1',
        'x-quarry-event': delivery.event,
        // Same id on every attempt: receivers deduplicate retried deliveries by it.
        'x-quarry-delivery': `${delivery.taskId}:${delivery.event}`,
        [SIGNATURE_HEADER]: signature,
      };
      const signal = AbortSignal.any([
        Context.current().cancellationSignal,
        AbortSignal.timeout(15_000),
      ]);
      const status = await postPinned(target.url, target.pinned, headers, body, signal);
      if (status >= 200 && status < 300) return { status };
      const message = `webhook ${delivery.url} answered HTTP ${status}`;
      // Following a redirect would send the task wherever the receiver points, past the address
      // check; a redirect is the receiver's configuration, so retrying would not change it.
      if (status >= 300 && status < 400)
        throw ApplicationFailure.nonRetryable(
          `${message} (redirects are not followed: give the final URL)`,
          'WebhookRefused',
        );
      if (REFUSED(status)) throw ApplicationFailure.nonRetryable(message, 'WebhookRefused');
      throw ApplicationFailure.retryable(message, 'WebhookUnavailable');
    },
  };
}
