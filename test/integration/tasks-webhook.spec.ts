import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/webhooks/signature';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver on loopback; `failFirst` deliveries get a 503 (the receiver is down). */
async function receiver(failFirst: number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(failFirst-- > 0 ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/quarry`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return { received, url, close };
}

const now = () => Math.floor(Date.now() / 1000);

describe('completion webhooks', () => {
  const root = `whsec-${randomUUID()}`;
  const keys = { alice: `alice-key-${randomUUID()}`, bob: `bob-key-${randomUUID()}` };
  const as = (tenant: keyof typeof keys) => ({ authorization: `Bearer ${keys[tenant]}` });
  let t: TestApp;
  let alice: Awaited<ReturnType<typeof receiver>>;
  let bob: Awaited<ReturnType<typeof receiver>>;
  const kb = `hook-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    alice = await receiver(1);
    bob = await receiver(0);
    t = await startTestApp({
      QUARRY_WEBHOOK_SECRET: root,
      QUARRY_API_KEYS: `alice:${keys.alice},bob:${keys.bob}`,
      // The receivers are on loopback, which the address policy refuses unless allowed.
      QUARRY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
    });
    for (const tenant of ['alice', 'bob'] as const)
      expect(await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], as(tenant))).toBe(1);
  });
  afterAll(async () => {
    await t?.close();
    await alice?.close();
    await bob?.close();
  });

  const secretOf = async (tenant: keyof typeof keys): Promise<string> => {
    const res = await call(t.url, 'GET', '/v1/webhooks/secret', undefined, as(tenant));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenant,
      header: 'X-Quarry-Signature',
      signed: '<t>.<raw body>',
      toleranceSeconds: 300,
    });
    return res.body.secret as string;
  };
  const until = async (rx: { received: Received[] }, n: number) => {
    for (let i = 0; i < 150 && rx.received.length < n; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(rx.received).toHaveLength(n);
  };

  it("POSTs the finished task, signed with the tenant's secret, and retries a receiver that was down", async () => {
    const task = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: 'alpha 参数决定什么？', collection: kb, webhook: alice.url },
      as('alice'),
    );
    expect(task.status).toBe(202);
    await until(alice, 2);
    const [first, second] = alice.received as [Received, Received];
    expect(second.body).toBe(first.body);
    expect(second.headers['x-quarry-delivery']).toBe(`${task.body.id}:task.completed`);
    const signature = String(second.headers['x-quarry-signature']);
    expect(verifyWebhook(await secretOf('alice'), second.body, signature, now())).toBe(true);
    // The server-wide secret is not what signs: a tenant never holds a key that signs for others.
    expect(verifyWebhook(root, second.body, signature, now())).toBe(false);
    const payload = JSON.parse(second.body) as {
      event: string;
      task: { id: string; status: string; result: { answer: string } };
    };
    expect(payload.event).toBe('task.completed');
    expect(payload.task).toMatchObject({ id: task.body.id, status: 'completed' });
    expect(payload.task.result.answer).toContain('alpha');
  });

  it("gives each tenant its own secret: tenant A's receiver rejects what is signed for tenant B", async () => {
    const [aliceSecret, bobSecret] = [await secretOf('alice'), await secretOf('bob')];
    expect(aliceSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(bobSecret).not.toBe(aliceSecret);
    const task = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: 'alpha 参数决定什么？', collection: kb, webhook: bob.url },
      as('bob'),
    );
    expect(task.status).toBe(202);
    await until(bob, 1);
    const [delivery] = bob.received as [Received];
    const signature = String(delivery.headers['x-quarry-signature']);
    expect(verifyWebhook(bobSecret, delivery.body, signature, now())).toBe(true);
    // Bob's correctly signed event, replayed to Alice's receiver, fails Alice's verification.
    expect(verifyWebhook(aliceSecret, delivery.body, signature, now())).toBe(false);
  });

  it('refuses a webhook that is not an http(s) URL', async () => {
    const res = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: 'q?', collection: kb, webhook: 'ftp://example.com/x' },
      as('alice'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/webhook/);
  });

  it('allows only what the allowlist names: 127.0.0.1, not the rest of loopback', async () => {
    const res = await call(
      t.url,
      'POST',
      '/v1/tasks',
      { question: 'q?', collection: kb, webhook: 'http://127.0.0.2:9/x' },
      as('alice'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('webhook: 127.0.0.2 is a loopback address');
  });
});
