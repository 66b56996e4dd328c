import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AskInput } from '../../workflows/contract';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The address policy against the real API and worker, with no allowlist. Every request here goes
 * to loopback (the NETWORK RULE): loopback spellings prove refusal over HTTP; the private,
 * link-local and metadata ranges are proved by unit tests that send nothing.
 */
describe('webhook addresses: loopback is refused at creation and at delivery', () => {
  let t: TestApp;
  let receiver: Server;
  let port: number;
  const hits: string[] = [];
  const kb = `hook-addr-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
    t = await startTestApp({ QUARRY_WEBHOOK_SECRET: `whsec-${randomUUID()}` });
    expect(await seedKnowledgeBase(t.url, kb, [HYBRID_DOC])).toBe(1);
  });
  afterAll(async () => {
    await t?.close();
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  const weaviateSchema = () => `${new URL(process.env.WEAVIATE_URL!).origin}/v1/schema`;

  it.each([
    ["Weaviate's own API", weaviateSchema, '127.0.0.1 is a loopback address'],
    ['127.0.0.1', () => `http://127.0.0.1:${port}/x`, '127.0.0.1 is a loopback address'],
    ['127.1', () => `http://127.1:${port}/x`, '127.0.0.1 is a loopback address'],
    ['[::1]', () => `http://[::1]:${port}/x`, '::1 is a loopback address'],
    ['localhost', () => `http://localhost:${port}/x`, 'localhost is a loopback address'],
    ['localhost.', () => `http://localhost.:${port}/x`, 'localhost is a loopback address'],
    ['0x7f000001', () => `http://0x7f000001:${port}/x`, '127.0.0.1 is a loopback address'],
    ['2130706433', () => `http://2130706433:${port}/x`, '127.0.0.1 is a loopback address'],
    ['017700000001', () => `http://017700000001:${port}/x`, '127.0.0.1 is a loopback address'],
    ['[::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${port}/x`, 'loopback address'],
    ['0.0.0.0', () => `http://0.0.0.0:${port}/x`, '0.0.0.0 is an unspecified address'],
    ['a zone id', () => `http://[::1%25lo]:${port}/x`, 'webhook must be an http(s) URL'],
  ])('answers 400 for %s, naming webhook, and starts nothing', async (_, url, message) => {
    const before = (await call(t.url, 'GET', `/v1/tasks?collection=${kb}`)).body.tasks.length;
    const res = await call(t.url, 'POST', '/v1/tasks', {
      question: 'alpha 参数决定什么？',
      collection: kb,
      webhook: url(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/^webhook: /);
    expect(res.body.error.details).toEqual([{ field: 'webhook', problems: [expect.any(String)] }]);
    expect(res.body.error.message).toContain(message);
    expect((await call(t.url, 'GET', `/v1/tasks?collection=${kb}`)).body.tasks).toHaveLength(
      before,
    );
  });

  it('refuses at delivery a webhook the API never checked (allowed then, refused now): nothing is sent, the answer stands', async () => {
    const connection = await Connection.connect({ address: t.config.temporal.address! });
    const client = new Client({ connection, namespace: t.config.temporal.namespace });
    try {
      // Started past the API, as a task accepted under an allowlist that has since changed.
      const handle = await client.workflow.start('askWorkflow', {
        taskQueue: t.config.temporal.taskQueue,
        workflowId: `task-${randomUUID()}`,
        args: [
          {
            tenant: 'local',
            collection: kb,
            question: 'alpha 参数决定什么？',
            webhook: `http://127.1:${port}/hooks`,
          } satisfies AskInput,
        ],
      });
      const result = (await handle.result()) as { answer: string };
      expect(result.answer).toContain('alpha');
      const failures = (await handle.fetchHistory()).events!.flatMap((e) =>
        e.activityTaskFailedEventAttributes ? [e.activityTaskFailedEventAttributes.failure!] : [],
      );
      expect(failures).toHaveLength(1);
      expect(failures[0].applicationFailureInfo).toMatchObject({
        type: 'WebhookAddressRefused',
        nonRetryable: true,
      });
      expect(failures[0].message).toContain('127.0.0.1 is a loopback address');
      expect(hits).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});
