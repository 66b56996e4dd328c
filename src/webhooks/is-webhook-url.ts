import { parseWebhookUrl } from './webhook-target';

/**
 * An http(s) URL as WHATWG URL (and so delivery) reads it: `127.1` or `0x7f000001` are URLs here,
 * and the address policy, not a stricter syntax, decides whether they may be called.
 */
export function isWebhookUrl(value: string): boolean {
  try {
    parseWebhookUrl(value);
    return true;
  } catch {
    return false;
  }
}
