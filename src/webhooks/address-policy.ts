import { inPrefix, parseIp, parseIPv4, parseIPv6, type IpBytes } from './ip-address';

/** Why an address is no place to send a webhook. */
export type Refusal =
  | 'loopback'
  | 'unspecified'
  | 'link-local'
  | 'private'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

type Range = [network: IpBytes, bits: number, refusal: Refusal];

const v4 = (cidr: string, refusal: Refusal): Range => {
  const [ip, bits] = cidr.split('/');
  return [parseIPv4(ip)!, Number(bits), refusal];
};
const v6 = (cidr: string, refusal: Refusal): Range => {
  const [ip, bits] = cidr.split('/');
  return [parseIPv6(ip)!, Number(bits), refusal];
};

// First match wins: the metadata addresses sit inside link-local and private ranges.
const IPV4_RANGES: Range[] = [
  v4('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OCI, DigitalOcean…
  v4('169.254.170.2/32', 'metadata'), // AWS ECS task metadata
  v4('100.100.100.200/32', 'metadata'), // Alibaba Cloud
  v4('0.0.0.0/32', 'unspecified'),
  v4('0.0.0.0/8', 'reserved'), // "this network"
  v4('127.0.0.0/8', 'loopback'),
  v4('10.0.0.0/8', 'private'),
  v4('172.16.0.0/12', 'private'),
  v4('192.168.0.0/16', 'private'),
  v4('100.64.0.0/10', 'private'), // carrier-grade NAT, shared address space
  v4('169.254.0.0/16', 'link-local'),
  v4('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  v4('192.0.2.0/24', 'reserved'), // documentation
  v4('198.51.100.0/24', 'reserved'), // documentation
  v4('203.0.113.0/24', 'reserved'), // documentation
  v4('198.18.0.0/15', 'reserved'), // benchmarking
  v4('192.88.99.0/24', 'reserved'), // 6to4 relay anycast
  v4('224.0.0.0/4', 'multicast'),
  v4('255.255.255.255/32', 'broadcast'),
  v4('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: Range[] = [
  v6('fd00:ec2::254/128', 'metadata'), // AWS instance metadata over IPv6
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('64:ff9b:1::/48', 'private'), // local-use NAT64
  v6('fc00::/7', 'private'), // unique local
  v6('fec0::/10', 'private'), // site-local (deprecated)
  v6('fe80::/10', 'link-local'),
  v6('ff00::/8', 'multicast'),
  v6('100::/64', 'reserved'), // discard-only
  v6('2001::/32', 'reserved'), // Teredo: the IPv4 inside is obfuscated, so refuse it whole
  v6('2001:2::/48', 'reserved'), // benchmarking
  v6('2001:10::/28', 'reserved'), // ORCHID
  v6('2001:20::/28', 'reserved'), // ORCHIDv2
  v6('2001:db8::/32', 'reserved'), // documentation
  v6('3fff::/20', 'reserved'), // documentation
  v6('5f00::/16', 'reserved'), // SRv6 SIDs
];

const GLOBAL_UNICAST = parseIPv6('2000::')!;

/** IPv6 forms that carry an IPv4 address: the IPv4 inside decides. */
const EMBEDDING: [network: IpBytes, bits: number, v4At: number][] = [
  [parseIPv6('::ffff:0:0')!, 96, 12], // IPv4-mapped
  [parseIPv6('::ffff:0:0:0')!, 96, 12], // IPv4-translated (SIIT)
  [parseIPv6('64:ff9b::')!, 96, 12], // NAT64, well-known prefix
  [parseIPv6('2002::')!, 16, 2], // 6to4
];

/** The IPv4 address an IPv6 address stands for, if it is one of the embedding forms. */
export function embeddedIPv4(addr: IpBytes): IpBytes | null {
  if (addr.length !== 16) return null;
  for (const [network, bits, at] of EMBEDDING) {
    if (inPrefix(addr, network, bits)) return addr.slice(at, at + 4);
  }
  return null;
}

/**
 * Null for a public unicast address a webhook may be delivered to; otherwise the reason it may not.
 * IPv6 outside 2000::/3 is not yet allocated for global unicast, so it is refused as reserved.
 */
export function refusalOf(addr: IpBytes): Refusal | null {
  const inner = embeddedIPv4(addr);
  if (inner) return refusalOf(inner);
  const ranges = addr.length === 4 ? IPV4_RANGES : IPV6_RANGES;
  for (const [network, bits, refusal] of ranges) {
    if (inPrefix(addr, network, bits)) return refusal;
  }
  if (addr.length === 16) {
    // ::/96 below the mapped range: deprecated IPv4-compatible addresses (and :: and ::1, above).
    if (inPrefix(addr, new Uint8Array(16), 96)) return refusalOf(addr.slice(12)) ?? 'reserved';
    if (!inPrefix(addr, GLOBAL_UNICAST, 3)) return 'reserved';
  }
  return null;
}

/**
 * The refusal for an address written as text (any IPv4 spelling, IPv6 with or without brackets).
 * A zone id (`fe80::1%eth0`) scopes an address to one local link: never a public receiver.
 * Returns undefined when the text is not an IP address at all (a host name).
 */
export function refusalOfText(text: string): Refusal | null | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = bare.indexOf('%');
  const addr = parseIp(zone >= 0 ? bare.slice(0, zone) : bare);
  if (!addr) return undefined;
  const refusal = refusalOf(addr);
  return zone >= 0 ? (refusal ?? 'link-local') : refusal;
}
