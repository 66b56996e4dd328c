import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/webhooks/signature';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('completion webhooks', () => {
  const secret = `whsec-${randomUUID()}`;
  let t: TestApp;
  let receiver: Server;
  let hookUrl: string;
  const received: Received[] = [];
  let failFirst = 1;
  const kb = `hook-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        // The receiver is down for the first delivery: Temporal must retry it.
        res.writeHead(failFirst-- > 0 ? 503 : 204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/quarry`;
    t = await startTestApp({ QUARRY_WEBHOOK_SECRET: secret });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [
        { source: 'a.md', text: '# 混合检索\n\n参数 alpha 决定关键词检索和向量检索的权重。' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  it('POSTs the finished task, signed, and retries a receiver that was down', async () => {
    const task = await call(t.url, 'POST', '/v1/tasks', {
      question: 'alpha 参数决定什么？',
      collection: kb,
      webhook: hookUrl,
    });
    expect(task.status).toBe(202);
    for (let i = 0; i < 100 && received.length < 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(received).toHaveLength(2);
    const [first, second] = received as [Received, Received];
    expect(second.body).toBe(first.body);
    expect(second.headers['x-quarry-delivery']).toBe(`${task.body.id}:task.completed`);
    const signature = String(second.headers['x-quarry-signature']);
    expect(verifyWebhook(secret, second.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(
      verifyWebhook('not-the-secret-at-all', second.body, signature, Math.floor(Date.now() / 1000)),
    ).toBe(false);
    const payload = JSON.parse(second.body) as {
      event: string;
      task: { id: string; status: string; result: { answer: string } };
    };
    expect(payload.event).toBe('task.completed');
    expect(payload.task).toMatchObject({ id: task.body.id, status: 'completed' });
    expect(payload.task.result.answer).toContain('alpha');
  });

  it('refuses a webhook that is not an http(s) URL', async () => {
    const res = await call(t.url, 'POST', '/v1/tasks', {
      question: 'q?',
      collection: kb,
      webhook: 'ftp://example.com/x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/webhook/);
  });
});
