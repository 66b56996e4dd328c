import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call } from '../support/http';
import { until } from '../support/poll';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Recurring tasks as Temporal Schedules, against the real Temporal server. */
describe('schedules: /v1/schedules on Temporal Schedules', () => {
  let t: TestApp;
  const keyA = `sched-a-${randomUUID()}`;
  // Tenant names of their own: other test files' tenants share the same Weaviate and Temporal.
  const alpha = `scheda${randomUUID().slice(0, 8)}`;
  const beta = `schedb${randomUUID().slice(0, 8)}`;
  const keyB = `sched-b-${randomUUID()}`;
  const A = { authorization: `Bearer ${keyA}` };
  const B = { authorization: `Bearer ${keyB}` };
  const kb = `sched-${randomUUID().slice(0, 8)}`;
  const task = { question: '混合检索的 alpha 参数有什么作用？', collection: kb };
  const deliveries: string[] = [];
  let receiver: Server;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      deliveries.push(String(req.headers['x-quarry-delivery']));
      req.resume().on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    t = await startTestApp({
      QUARRY_API_KEYS: `${alpha}:${keyA},${beta}:${keyB}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
      QUARRY_WEBHOOK_SECRET: `whsec-${randomUUID()}`,
      QUARRY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      // Runs every 2 s in these tests; a production server keeps the default minute.
      QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS: '2',
    });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], A);
  });
  afterAll(async () => {
    await t?.close();
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r));
  });

  const get = (path: string, headers = A) => call(t.url, 'GET', path, undefined, headers);
  const post = (path: string, body?: unknown, headers: Record<string, string> = A) =>
    call(t.url, 'POST', path, body, headers);
  const runsOf = async (id: string, headers = A) =>
    (await get(`/v1/tasks?schedule=${id}&limit=100`, headers)).body.tasks as {
      id: string;
      status: string;
    }[];
  const finished = (id: string) =>
    until(
      () => get(`/v1/tasks/${id}`),
      (r) => ['completed', 'failed', 'cancelled'].includes(r.body.status),
      `task ${id} finished`,
    );

  it('runs every 2 s as ordinary tasks; pause stops the runs, trigger starts one now, delete removes it', async () => {
    const created = await post('/v1/schedules', { task, every: '2s' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^sched-/),
      task: expect.objectContaining(task),
      every: '2s',
      cron: null,
      timezone: 'UTC',
      overlap: 'skip',
      paused: false,
    });
    expect(created.body.nextRuns.length).toBeGreaterThan(0);

    const runs = await until(
      () => runsOf(id),
      (r) => r.filter((x) => x.status === 'completed').length >= 2,
      'two completed runs',
    );
    const run = await get(`/v1/tasks/${runs.find((r) => r.status === 'completed')!.id}`);
    expect(run.body).toMatchObject({ status: 'completed', mode: 'answer', collection: kb });
    expect(run.body.result.citations[0].source).toBe('hybrid.md');
    expect(run.body.id.startsWith(`task-${id}-`)).toBe(true);

    const paused = await post(`/v1/schedules/${id}/pause`, { note: 'holiday' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, note: 'holiday', nextRuns: [] });
    await sleep(1000); // a run the schedule had already begun to start may still appear
    const before = (await get(`/v1/schedules/${id}`)).body.runCount as number;
    await sleep(5000);
    expect((await get(`/v1/schedules/${id}`)).body.runCount).toBe(before);

    const triggered = await post(`/v1/schedules/${id}/trigger`);
    expect(triggered.status).toBe(202);
    expect(triggered.body.taskId).toMatch(new RegExp(`^task-${id}-`));
    expect(triggered.body.schedule.runCount).toBe(before + 1);
    expect((await finished(triggered.body.taskId)).body.status).toBe('completed');
    await until(
      () => runsOf(id),
      (r) => r.some((x) => x.id === triggered.body.taskId),
      'listed',
    );

    const listed = await until(
      () => get('/v1/schedules'),
      (r) => (r.body.schedules as { id: string }[]).some((s) => s.id === id),
      'schedule listed',
    );
    expect(listed.body.schedules.find((s: { id: string }) => s.id === id).paused).toBe(true);

    const resumed = await post(`/v1/schedules/${id}/resume`);
    expect(resumed.body).toMatchObject({ paused: false, note: null });
    expect(resumed.body.nextRuns.length).toBeGreaterThan(0);

    expect((await call(t.url, 'DELETE', `/v1/schedules/${id}`, undefined, A)).status).toBe(204);
    expect((await get(`/v1/schedules/${id}`)).status).toBe(404);
    expect((await call(t.url, 'DELETE', `/v1/schedules/${id}`, undefined, A)).status).toBe(404);
    // Its runs stay ordinary tasks.
    expect((await get(`/v1/tasks/${triggered.body.taskId}`)).status).toBe(200);
  }, 120_000);

  it("is invisible to another tenant, who can't touch it", async () => {
    const id = (await post('/v1/schedules', { task, cron: '0 9 * * MON', paused: true })).body.id;
    await post(`/v1/schedules/${id}/trigger`);
    await until(
      () => runsOf(id),
      (r) => r.length === 1,
      'the triggered run listed',
    );
    for (const [method, path] of [
      ['GET', `/v1/schedules/${id}`],
      ['POST', `/v1/schedules/${id}/pause`],
      ['POST', `/v1/schedules/${id}/resume`],
      ['POST', `/v1/schedules/${id}/trigger`],
      ['DELETE', `/v1/schedules/${id}`],
    ]) {
      const res = await call(t.url, method, path, undefined, B);
      expect([method, path, res.status, res.body.error.message]).toEqual([
        method,
        path,
        404,
        `No schedule ${id}`,
      ]);
    }
    expect((await get('/v1/schedules', B)).body.schedules).toEqual([]);
    expect(await runsOf(id, B)).toEqual([]);
    const mine = await get(`/v1/schedules/${id}`);
    expect(mine.body).toMatchObject({ paused: true, runCount: 1, cron: '0 9 * * MON' });
    await call(t.url, 'DELETE', `/v1/schedules/${id}`, undefined, A);
  });

  it('validates: a bad cron gets 400 naming it; bad timing, task or time zone get 400 too', async () => {
    const bad = async (body: object, headers: Record<string, string> = A) => {
      const res = await post('/v1/schedules', body, headers);
      return [res.status, res.body.error?.message as string] as const;
    };
    expect(await bad({ task, cron: 'every tuesday' })).toEqual([
      400,
      'cron: cron "every tuesday" is not a valid cron expression: CronString does not have 5-7 fields',
    ]);
    const [status, message] = await bad({ task, cron: '61 * * * *' });
    expect(status).toBe(400);
    expect(message).toMatch(
      /^cron: cron "61 \* \* \* \*" is not a valid cron expression: .*Minute/,
    );
    expect(await bad({ task, cron: '* * * * *', every: '1m' })).toEqual([
      400,
      'cron: give either cron or every, not both or neither',
    ]);
    expect((await bad({ task }))[0]).toBe(400);
    expect(await bad({ task, every: '1s' })).toEqual([
      400,
      'every: every "1s" runs more often than once every 2 s (QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS)',
    ]);
    expect(await bad({ task, cron: '* * * * * * *' })).toEqual([
      400,
      'cron: cron "* * * * * * *" runs more often than once every 2 s (QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS)',
    ]);
    expect(await bad({ task, every: '0s' })).toEqual([
      400,
      'every: every must be a number and a unit, like 30s, 15m, 6h or 1d',
    ]);
    expect((await bad({ task, every: '1h', timezone: 'Mars/Base' }))[1]).toContain(
      'timezone "Mars/Base" is not an IANA time zone',
    );
    expect((await bad({ task, every: '1h', overlap: 'sometimes' }))[1]).toContain(
      'overlap must be one of skip, buffer_one',
    );
    expect((await bad({ task: { ...task, question: ' ' }, every: '1h' }))[1]).toContain(
      'task.question: question must not be blank',
    );
    expect((await bad({ task, every: '1h', extra: 1 }))[1]).toContain(
      'property extra should not exist',
    );
    expect(await bad({ task: { ...task, collection: 'nope' }, every: '1h' })).toEqual([
      404,
      'knowledge base "nope" does not exist',
    ]);
    expect((await bad({ task, every: '1h' }, {}))[0]).toBe(401);
    expect((await get('/v1/tasks?schedule=not-a-schedule')).status).toBe(400);
  });

  it("tells the task's webhook when a run completes, as for any task", async () => {
    const port = (receiver.address() as AddressInfo).port;
    const webhook = `http://127.0.0.1:${port}/hooks/quarry`;
    const id = (
      await post('/v1/schedules', { task: { ...task, webhook }, every: '1h', paused: true })
    ).body.id as string;
    const { taskId } = (await post(`/v1/schedules/${id}/trigger`)).body as { taskId: string };
    expect((await finished(taskId)).body.status).toBe('completed');
    await until(
      () => Promise.resolve(deliveries),
      (d) => d.includes(`${taskId}:task.completed`),
      'the run delivered its webhook',
    );
    await call(t.url, 'DELETE', `/v1/schedules/${id}`, undefined, A);
  });

  it('returns the same schedule for the same Idempotency-Key', async () => {
    const key = { ...A, 'idempotency-key': `sched-${randomUUID()}` };
    const first = await post('/v1/schedules', { task, every: '1h', paused: true }, key);
    const second = await post('/v1/schedules', { task, every: '1h', paused: true }, key);
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.createdAt).toBe(first.body.createdAt);
    const other = await post(
      '/v1/schedules',
      { task, every: '1h', paused: true },
      {
        ...B,
        'idempotency-key': key['idempotency-key'],
      },
    );
    expect(other.status).toBe(404); // beta has no such knowledge base
    await call(t.url, 'DELETE', `/v1/schedules/${first.body.id}`, undefined, A);
  });

  it('documents every schedule route with every status it returns in the OpenAPI spec', async () => {
    const spec = (await (await fetch(`${t.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method: string) =>
      Object.keys(spec.paths[path]?.[method]?.responses ?? {}).sort();
    // Every route: 400, 401, 403 (a keyless server refuses other sites), 429 and 503; and 404
    // wherever a schedule (or, on create, a knowledge base) may not exist.
    const errors = ['400', '401', '403', '429', '503'];
    const withOwn = (...own: string[]) => [...own, ...errors].sort();
    expect(statuses('/v1/schedules', 'post')).toEqual(withOwn('201', '404', '409'));
    expect(statuses('/v1/schedules', 'get')).toEqual(withOwn('200'));
    expect(statuses('/v1/schedules/{id}', 'get')).toEqual(withOwn('200', '404'));
    expect(statuses('/v1/schedules/{id}', 'delete')).toEqual(withOwn('204', '404'));
    for (const action of ['pause', 'resume'])
      expect(statuses(`/v1/schedules/{id}/${action}`, 'post')).toEqual(withOwn('200', '404'));
    expect(statuses('/v1/schedules/{id}/trigger', 'post')).toEqual(withOwn('202', '404'));
    const tasks = spec.paths['/v1/tasks'].get as unknown as { parameters: { name: string }[] };
    expect(tasks.parameters.map((p) => p.name)).toContain('schedule');
  });
});
