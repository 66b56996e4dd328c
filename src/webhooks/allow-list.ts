import { embeddedIPv4 } from './address-policy';
import { inPrefix, parseIp, type IpBytes } from './ip-address';

/**
 * QUARRY_WEBHOOK_ALLOW_HOSTS: the operator's exceptions to the address policy, for receivers on
 * loopback or a private network. A host name entry trusts that name (whatever it resolves to); a
 * CIDR or single address entry allows those addresses, written literally or resolved from a name.
 */
export interface WebhookAllowList {
  hosts: string[];
  networks: { network: IpBytes; bits: number; text: string }[];
}

export const EMPTY_ALLOW_LIST: WebhookAllowList = { hosts: [], networks: [] };

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** A host as the policy compares it: lower case, without brackets or trailing dots. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  const bare = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  let end = bare.length;
  while (end > 0 && bare[end - 1] === '.') end--;
  return bare.slice(0, end);
}

/** Parses `host,10.0.0.0/8,[::1]`; throws with the entry that is wrong. */
export function parseAllowList(raw: string | undefined): WebhookAllowList {
  const list: WebhookAllowList = { hosts: [], networks: [] };
  if (!raw) return list;
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [addrText, bitsText, extra] = entry.split('/');
    const bare = normalizeHost(addrText);
    const addr = bare.includes('%') ? null : parseIp(bare);
    if (addr) {
      const max = addr.length * 8;
      const bits = bitsText === undefined ? max : Number(bitsText);
      if (extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > max)
        throw new Error(`"${entry}": the prefix length must be 0-${max}`);
      list.networks.push({ network: addr, bits, text: entry });
    } else if (bitsText === undefined && HOST_NAME.test(bare)) {
      list.hosts.push(bare);
    } else {
      throw new Error(`"${entry}" is neither a host name, an IP address nor a CIDR`);
    }
  }
  return list;
}

export function allowsHost(list: WebhookAllowList, host: string): boolean {
  return list.hosts.includes(normalizeHost(host));
}

/** IPv4-mapped and NAT64 forms match the IPv4 networks they stand for. */
export function allowsAddress(list: WebhookAllowList, addr: IpBytes): boolean {
  const inner = embeddedIPv4(addr);
  return list.networks.some(
    ({ network, bits }) =>
      inPrefix(addr, network, bits) || (!!inner && inPrefix(inner, network, bits)),
  );
}
