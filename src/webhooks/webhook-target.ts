import { refusalOf, refusalOfText, type Refusal } from './address-policy';
import { allowsAddress, allowsHost, normalizeHost, type WebhookAllowList } from './allow-list';
import { formatIp, parseIp } from './ip-address';

/** Names that reach the machine itself or a cloud's metadata service without asking DNS. */
const NAMED: [RegExp, Refusal][] = [
  [/^localhost$|\.localhost$/, 'loopback'],
  [/^(metadata\.google\.internal|metadata\.goog|metadata|instance-data)$/, 'metadata'],
];

/** A webhook the policy refuses: the message names the host and why. */
export class WebhookAddressError extends Error {
  constructor(
    readonly host: string,
    readonly refusal: Refusal,
  ) {
    super(
      `${host} is ${/^[aeiou]/.test(refusal) ? 'an' : 'a'} ${refusal} address; webhooks go only to public addresses ` +
        '(an operator can allow a host in QUARRY_WEBHOOK_ALLOW_HOSTS)',
    );
    this.name = 'WebhookAddressError';
  }
}

/** The URL as delivery uses it; throws a plain Error for what is not an http(s) URL. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('must be an http(s) URL');
  if (url.username || url.password) throw new Error('must not carry a user name or password');
  if (normalizeHost(url.hostname) === '') throw new Error('must name a host');
  return url;
}

/**
 * What can be decided without DNS: IP literals in any spelling (the URL parser has already turned
 * `127.1`, `0x7f000001` or `2130706433` into `127.0.0.1`), `localhost` and metadata names, trailing
 * dots. A name that resolves to a refused address is refused at delivery, after resolution.
 * Throws WebhookAddressError or a plain Error (not a URL); returns the parsed URL.
 */
export function checkWebhookUrl(raw: string, allow: WebhookAllowList): URL {
  const url = parseWebhookUrl(raw);
  const host = normalizeHost(url.hostname);
  if (allowsHost(allow, host)) return url;
  const literal = refusalOfText(host);
  if (literal !== undefined) {
    const addr = parseIp(host.split('%')[0]);
    if (literal && !(addr && allowsAddress(allow, addr)))
      throw new WebhookAddressError(host, literal);
    return url;
  }
  for (const [pattern, refusal] of NAMED) {
    if (pattern.test(host)) throw new WebhookAddressError(host, refusal);
  }
  return url;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (getaddrinfo in production, a fake in tests). */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

/**
 * The one address a delivery connects to: the URL is checked as at creation, the host resolved
 * once, every address checked (one refused address refuses the host: a name that mixes public and
 * private addresses is not to be trusted), and the first returned so the caller pins it.
 */
export async function resolveWebhookTarget(
  raw: string,
  allow: WebhookAllowList,
  resolve: HostResolver,
): Promise<{ url: URL; pinned: ResolvedAddress }> {
  const url = checkWebhookUrl(raw, allow);
  const host = normalizeHost(url.hostname);
  const literal = parseIp(host);
  if (literal) {
    return { url, pinned: { address: formatIp(literal), family: literal.length === 4 ? 4 : 6 } };
  }
  const addresses = await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!allowsHost(allow, host)) {
    for (const { address } of addresses) {
      const addr = parseIp(address);
      const refusal = addr ? refusalOf(addr) : 'reserved';
      if (refusal && !(addr && allowsAddress(allow, addr)))
        throw new WebhookAddressError(`${host} (${address})`, refusal);
    }
  }
  return { url, pinned: addresses[0] };
}
