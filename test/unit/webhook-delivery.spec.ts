import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMPTY_ALLOW_LIST, parseAllowList } from '../../src/webhooks/allow-list';
import { verifyWebhook } from '../../src/webhooks/signature';
import { tenantWebhookSecret } from '../../src/webhooks/tenant-secret';
import {
  createWebhookActivities,
  type WebhookDelivery,
} from '../../src/webhooks/webhook.activities';
import {
  resolveWebhookTarget,
  WebhookAddressError,
  type HostResolver,
  type ResolvedAddress,
} from '../../src/webhooks/webhook-target';

const ROOT = 'root-secret-of-enough-length';

/** A resolver that answers from a table and counts its calls: these tests never ask real DNS. */
function fakeDns(table: Record<string, ResolvedAddress[]>) {
  const calls: string[] = [];
  const resolve: HostResolver = (host) => {
    calls.push(host);
    return Promise.resolve(table[host] ?? []);
  };
  return { resolve, calls };
}
const a = (address: string): ResolvedAddress => ({
  address,
  family: address.includes(':') ? 6 : 4,
});

describe('webhook target resolution (injected DNS, no request)', () => {
  it.each([
    ['a private address', [a('10.0.0.5')], 'private'],
    ['a public and a private address', [a('93.184.216.34'), a('192.168.0.10')], 'private'],
    ['the metadata service', [a('169.254.169.254')], 'metadata'],
    ['AWS metadata over IPv6', [a('fd00:ec2::254')], 'metadata'],
    ['a link-local address', [a('169.254.10.1')], 'link-local'],
    ['an IPv6 link-local address', [a('fe80::1')], 'link-local'],
    ['carrier-grade NAT', [a('100.64.1.1')], 'private'],
    ['unique local IPv6', [a('fd12::1')], 'private'],
    ['loopback mapped into IPv6', [a('::ffff:127.0.0.1')], 'loopback'],
    ['the unspecified address', [a('0.0.0.0')], 'unspecified'],
    ['NAT64 of a private address', [a('64:ff9b::a00:1')], 'private'],
  ])('refuses a name that resolves to %s', async (_, addresses, refusal) => {
    const dns = fakeDns({ 'hooks.example.com': addresses });
    const err = await resolveWebhookTarget(
      'https://hooks.example.com/q',
      EMPTY_ALLOW_LIST,
      dns.resolve,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebhookAddressError);
    expect((err as WebhookAddressError).refusal).toBe(refusal);
    expect(dns.calls).toEqual(['hooks.example.com']);
  });

  it('pins the first address of a public name, resolving it once', async () => {
    const dns = fakeDns({ 'hooks.example.com': [a('93.184.216.34'), a('2606:2800:220:1::1')] });
    const target = await resolveWebhookTarget(
      'https://hooks.example.com./q',
      EMPTY_ALLOW_LIST,
      dns.resolve,
    );
    expect(target.pinned).toEqual(a('93.184.216.34'));
    expect(target.url.hostname).toBe('hooks.example.com.');
    expect(dns.calls).toEqual(['hooks.example.com']);
  });

  it('does not ask DNS for an IP literal, and refuses it before', async () => {
    const dns = fakeDns({});
    await expect(
      resolveWebhookTarget('http://0xa9fea9fe/', EMPTY_ALLOW_LIST, dns.resolve),
    ).rejects.toThrow('169.254.169.254 is a metadata address');
    const ok = await resolveWebhookTarget('http://8.8.8.8/', EMPTY_ALLOW_LIST, dns.resolve);
    expect(ok.pinned).toEqual(a('8.8.8.8'));
    expect(dns.calls).toEqual([]);
  });

  it('lets the allowlist through: a listed name whatever it resolves to, a listed network', async () => {
    const allow = parseAllowList('hooks.internal,10.9.0.0/16');
    const dns = fakeDns({ 'hooks.internal': [a('10.1.1.1')], 'other.internal': [a('10.9.3.4')] });
    expect(
      (await resolveWebhookTarget('http://hooks.internal/', allow, dns.resolve)).pinned,
    ).toEqual(a('10.1.1.1'));
    expect(
      (await resolveWebhookTarget('http://other.internal/', allow, dns.resolve)).pinned,
    ).toEqual(a('10.9.3.4'));
    await expect(
      resolveWebhookTarget('http://10.1.1.1/', allow, dns.resolve),
    ).rejects.toBeInstanceOf(WebhookAddressError);
  });

  it('says a name without addresses has none (retried later, not refused)', async () => {
    const err = await resolveWebhookTarget(
      'http://gone.example.com/',
      EMPTY_ALLOW_LIST,
      fakeDns({}).resolve,
    ).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(WebhookAddressError);
    expect((err as Error).message).toBe('gone.example.com has no address');
  });
});

interface Hit {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback that answers with `status` (and a Location for redirects). */
async function receiver(status: number, location?: string) {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(status, location ? { location } : {}).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { hits, port, close: () => new Promise((r) => server.close(r)) };
}

describe('deliverWebhook against loopback receivers', () => {
  const servers: { close: () => Promise<unknown> }[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  const open = async (status: number, location?: string) => {
    const r = await receiver(status, location);
    servers.push(r);
    return r;
  };
  const deliver = (
    deps: Parameters<typeof createWebhookActivities>[0],
    delivery: Partial<WebhookDelivery> & { url: string },
  ) => {
    const activities = createWebhookActivities(deps);
    const run = (d: WebhookDelivery) => activities.deliverWebhook(d);
    return new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run(run, {
      event: 'task.completed',
      taskId: 'task-1',
      tenant: 'alice',
      payload: { id: 'task-1', status: 'completed' },
      ...delivery,
    });
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('the delivery succeeded');
      },
      (e: unknown) => e as ApplicationFailure,
    );

  it("connects to the checked address (a name DNS doesn't know works only pinned), signed with the tenant's secret", async () => {
    const r = await open(204);
    const dns = fakeDns({ 'hooks.quarry.test': [a('127.0.0.1')] });
    const res = await deliver(
      {
        webhookSecret: ROOT,
        webhookAllowHosts: parseAllowList('127.0.0.0/8'),
        resolveHost: dns.resolve,
      },
      { url: `http://hooks.quarry.test:${r.port}/in` },
    );
    expect(res).toEqual({ status: 204 });
    expect(dns.calls).toEqual(['hooks.quarry.test']);
    expect(r.hits).toHaveLength(1);
    const [hit] = r.hits;
    expect([hit.url, hit.headers.host]).toEqual(['/in', `hooks.quarry.test:${r.port}`]);
    const signature = String(hit.headers['x-quarry-signature']);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(tenantWebhookSecret(ROOT, 'alice'), hit.body, signature, now)).toBe(true);
    expect(verifyWebhook(tenantWebhookSecret(ROOT, 'bob'), hit.body, signature, now)).toBe(false);
    expect(verifyWebhook(ROOT, hit.body, signature, now)).toBe(false);
  });

  it('refuses at delivery a name that resolves to loopback, and sends nothing', async () => {
    const r = await open(204);
    const dns = fakeDns({ 'rebound.quarry.test': [a('127.0.0.1')] });
    const err = await failure(
      deliver(
        { webhookSecret: ROOT, resolveHost: dns.resolve },
        { url: `http://rebound.quarry.test:${r.port}/in` },
      ),
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect([err.type, err.nonRetryable]).toEqual(['WebhookAddressRefused', true]);
    expect(err.message).toContain('rebound.quarry.test (127.0.0.1) is a loopback address');
    expect(r.hits).toEqual([]);
  });

  it('refuses at delivery a loopback literal the allowlist no longer allows', async () => {
    const r = await open(204);
    const err = await failure(
      deliver({ webhookSecret: ROOT }, { url: `http://127.1:${r.port}/in` }),
    );
    expect([err.type, err.nonRetryable]).toEqual(['WebhookAddressRefused', true]);
    expect(r.hits).toEqual([]);
  });

  it('does not follow a redirect: the 3xx is a final refusal', async () => {
    const target = await open(204);
    const r = await open(302, `http://127.0.0.1:${target.port}/elsewhere`);
    const err = await failure(
      deliver(
        { webhookSecret: ROOT, webhookAllowHosts: parseAllowList('127.0.0.1') },
        { url: `http://127.0.0.1:${r.port}/in` },
      ),
    );
    expect([err.type, err.nonRetryable]).toEqual(['WebhookRefused', true]);
    expect(err.message).toContain('answered HTTP 302 (redirects are not followed');
    expect(r.hits).toHaveLength(1);
    expect(target.hits).toEqual([]);
  });

  it.each([
    [404, 'WebhookRefused', true],
    [429, 'WebhookUnavailable', false],
    [503, 'WebhookUnavailable', false],
  ])('maps HTTP %i to %s (non-retryable: %s)', async (status, type, nonRetryable) => {
    const r = await open(status);
    const err = await failure(
      deliver(
        { webhookSecret: ROOT, webhookAllowHosts: parseAllowList('127.0.0.1') },
        { url: `http://127.0.0.1:${r.port}/in` },
      ),
    );
    expect([err.type, err.nonRetryable]).toEqual([type, nonRetryable]);
  });

  it('refuses to sign a delivery that names no tenant (scheduled before per-tenant secrets)', async () => {
    const r = await open(204);
    const err = await failure(
      deliver(
        { webhookSecret: ROOT, webhookAllowHosts: parseAllowList('127.0.0.1') },
        { url: `http://127.0.0.1:${r.port}/in`, tenant: undefined },
      ),
    );
    expect([err.type, err.nonRetryable]).toEqual(['WebhookNotConfigured', true]);
    expect(r.hits).toEqual([]);
  });
});
