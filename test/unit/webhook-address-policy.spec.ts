import { ConfigError, loadConfig } from '../../src/config/config';
import { refusalOfText } from '../../src/webhooks/address-policy';
import { EMPTY_ALLOW_LIST, parseAllowList } from '../../src/webhooks/allow-list';
import { formatIp, parseIPv4, parseIPv6 } from '../../src/webhooks/ip-address';
import { checkWebhookUrl, WebhookAddressError } from '../../src/webhooks/webhook-target';

/**
 * The address policy decides on text and bytes only: nothing here sends a packet or asks DNS, so
 * private, link-local and metadata addresses are tested without ever being contacted.
 */
const refusalAtCreation = (url: string, allow = EMPTY_ALLOW_LIST): string | null => {
  try {
    checkWebhookUrl(url, allow);
    return null;
  } catch (err) {
    return err instanceof WebhookAddressError ? err.refusal : `invalid: ${(err as Error).message}`;
  }
};

describe('IP parsing', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7F.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0177.0.0.01', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['0', '0.0.0.0'],
    ['127.0.0.1.', '127.0.0.1'],
  ])('reads IPv4 %s as %s', (text, canonical) => {
    expect(formatIp(parseIPv4(text)!)).toBe(canonical);
  });

  it.each([
    '256.0.0.1',
    '1.2.3.4.5',
    '0x100000000',
    '08.0.0.1',
    '1..1',
    '',
    'example',
    '1.2.3.256',
  ])('does not take %j for IPv4', (text) => expect(parseIPv4(text)).toBeNull());

  it.each([
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::', '::'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['FE80::1', 'fe80::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['64:ff9b::169.254.169.254', '64:ff9b::a9fe:a9fe'],
  ])('reads IPv6 %s as %s', (text, canonical) => {
    expect(formatIp(parseIPv6(text)!)).toBe(canonical);
  });

  it.each([
    '1::2::3',
    '12345::1',
    '1:2:3:4:5:6:7:8:9',
    '::1%lo',
    '::ffff:127.1',
    'localhost',
    ':::',
  ])('does not take %j for IPv6', (text) => expect(parseIPv6(text)).toBeNull());
});

describe('webhook address policy at task creation (no DNS, no request)', () => {
  it.each([
    // Loopback, in every spelling the URL parser accepts.
    ['http://127.0.0.1:8080/v1/schema', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://127.0.0.1./', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.255.255.254/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://localhost/', 'loopback'],
    ['http://LOCALHOST:3000/', 'loopback'],
    ['http://localhost./', 'loopback'],
    ['http://localhost../', 'loopback'],
    ['http://api.localhost/', 'loopback'],
    // Unspecified: connecting to it reaches this machine.
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    // Link-local.
    ['http://169.254.1.1/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[febf:ffff::1]/', 'link-local'],
    // Private, unique local and carrier-grade NAT.
    ['http://10.0.0.1/', 'private'],
    ['http://10.255.255.255/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'private'],
    ['http://100.127.255.255/', 'private'],
    ['http://[fc00::1]/', 'private'],
    ['http://[fd12:3456::1]/', 'private'],
    ['http://[fec0::1]/', 'private'],
    // Cloud metadata services, by address and by name.
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://0xa9fea9fe/', 'metadata'],
    ['http://169.254.170.2/v2/credentials', 'metadata'],
    ['http://100.100.100.200/', 'metadata'],
    ['http://[fd00:ec2::254]/', 'metadata'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
    ['http://metadata.google.internal./', 'metadata'],
    ['http://metadata/', 'metadata'],
    // Multicast, broadcast and reserved.
    ['http://224.0.0.1/', 'multicast'],
    ['http://239.255.255.250/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://240.0.0.1/', 'reserved'],
    ['http://192.0.2.10/', 'reserved'],
    ['http://198.18.0.1/', 'reserved'],
    ['http://0.1.2.3/', 'reserved'],
    ['http://[2001:db8::1]/', 'reserved'],
    ['http://[100::1]/', 'reserved'],
    ['http://[2001::1]/', 'reserved'],
    ['http://[4000::1]/', 'reserved'],
    // IPv4 inside IPv6: mapped, translated, compatible, NAT64, 6to4.
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://[::ffff:0:127.0.0.1]/', 'loopback'],
    ['http://[::127.0.0.1]/', 'loopback'],
    ['http://[::8.8.8.8]/', 'reserved'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'metadata'],
    ['http://[64:ff9b::192.168.0.1]/', 'private'],
    ['http://[64:ff9b:1::1]/', 'private'],
    ['http://[2002:7f00:1::1]/', 'loopback'],
    ['http://[2002:a9fe:a9fe::]/', 'metadata'],
  ])('refuses %s as %s', (url, refusal) => {
    expect(refusalAtCreation(url)).toBe(refusal);
  });

  it.each([
    'https://hooks.example.com/quarry',
    'http://8.8.8.8/',
    'http://172.15.255.255/',
    'http://172.32.0.1/',
    'http://100.63.255.255/',
    'http://100.128.0.1/',
    'http://169.255.0.1/',
    'http://[2606:4700:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
    'http://[64:ff9b::8.8.8.8]/',
    'http://[2002:808:808::1]/',
    'http://localhost.example.com/',
  ])('accepts the public %s', (url) => {
    expect(refusalAtCreation(url)).toBeNull();
  });

  it.each([
    ['ftp://example.com/x', 'must be an http(s) URL'],
    ['not a url', 'must be an http(s) URL'],
    ['http://[::1%25lo]/', 'must be an http(s) URL'],
    ['http://[fe80::1%25eth0]/', 'must be an http(s) URL'],
    ['http://user:pw@example.com/', 'must not carry a user name or password'],
  ])('refuses %s: %s', (url, problem) => {
    expect(refusalAtCreation(url)).toBe(`invalid: ${problem}`);
  });

  it('treats an IPv6 zone id as link-local scope, whatever the address', () => {
    expect(refusalOfText('fe80::1%eth0')).toBe('link-local');
    expect(refusalOfText('2606:4700::1111%eth0')).toBe('link-local');
    expect(refusalOfText('::1%lo')).toBe('loopback');
    expect(refusalOfText('hooks.example.com')).toBeUndefined();
  });

  it('says which host and why, and where the exception goes', () => {
    expect(() => checkWebhookUrl('http://127.1:8080/', EMPTY_ALLOW_LIST)).toThrow(
      '127.0.0.1 is a loopback address; webhooks go only to public addresses (an operator can allow a host in QUARRY_WEBHOOK_ALLOW_HOSTS)',
    );
    expect(() => checkWebhookUrl('http://0.0.0.0/', EMPTY_ALLOW_LIST)).toThrow(
      '0.0.0.0 is an unspecified address',
    );
  });
});

describe('QUARRY_WEBHOOK_ALLOW_HOSTS', () => {
  it('allows listed names and networks, in any spelling, and nothing else', () => {
    const allow = parseAllowList('localhost, hooks.internal. ,127.0.0.0/8,[::1],10.1.0.0/16');
    expect(allow.hosts).toEqual(['localhost', 'hooks.internal']);
    for (const url of [
      'http://localhost:9000/',
      'http://LOCALHOST./',
      'http://hooks.internal/x',
      'http://127.1/',
      'http://0x7f000001/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::1]/',
      'http://10.1.2.3/',
    ]) {
      expect([url, refusalAtCreation(url, allow)]).toEqual([url, null]);
    }
    expect(refusalAtCreation('http://10.2.0.1/', allow)).toBe('private');
    expect(refusalAtCreation('http://api.localhost/', allow)).toBe('loopback');
    expect(refusalAtCreation('http://169.254.169.254/', allow)).toBe('metadata');
  });

  it.each([
    ['10.0.0.0/33', 'the prefix length must be 0-32'],
    ['::1/129', 'the prefix length must be 0-128'],
    ['10.0.0.0/8/8', 'the prefix length must be 0-32'],
    ['bad host', 'is neither a host name, an IP address nor a CIDR'],
    ['hooks.example/24', 'is neither a host name, an IP address nor a CIDR'],
    ['http://hooks.example', 'is neither a host name, an IP address nor a CIDR'],
  ])('refuses the entry %j', (entry, problem) => {
    expect(() => parseAllowList(entry)).toThrow(problem);
  });

  it('is read once at boot: a wrong entry stops Quarry with a message naming it', () => {
    expect(
      loadConfig({ QUARRY_WEBHOOK_ALLOW_HOSTS: 'localhost,10.0.0.0/8' }).webhookAllowHosts,
    ).toMatchObject({ hosts: ['localhost'], networks: [{ bits: 8, text: '10.0.0.0/8' }] });
    expect(loadConfig({}).webhookAllowHosts).toEqual({ hosts: [], networks: [] });
    const err = (() => {
      try {
        return loadConfig({ QUARRY_WEBHOOK_ALLOW_HOSTS: 'localhost,10.0.0.0/40' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      'QUARRY_WEBHOOK_ALLOW_HOSTS: "10.0.0.0/40": the prefix length must be 0-32',
    ]);
  });
});
