import { hkdfSync } from 'node:crypto';

/**
 * Each tenant's signing secret, derived from QUARRY_WEBHOOK_SECRET with HKDF-SHA256 (salt
 * `quarry-webhook`, info `tenant:<name>`, 32 bytes, written as 64 hex characters). Knowing one
 * tenant's secret tells nothing about another's or about the root, so tenant B can't sign events
 * that tenant A's receiver accepts. The derivation is a contract: changing it changes every
 * receiver's secret.
 */
export function tenantWebhookSecret(rootSecret: string, tenant: string): string {
  const key = hkdfSync('sha256', rootSecret, 'quarry-webhook', `tenant:${tenant}`, 32);
  return Buffer.from(key).toString('hex');
}
