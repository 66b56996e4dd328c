import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call } from '../support/http';
import { runCli } from '../support/run-cli';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

interface ResearchRun {
  id: string;
  result: {
    report: string;
    findings: { abstained: boolean }[];
    citations: { n: number; source: string }[];
    sincePrevious?: { taskId: string; newCitations: number[]; newlyAnswered: string[] };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Recurring tasks as Temporal Schedules, against the real Temporal server. */
describe('schedules: /v1/schedules and `quarry schedule`', () => {
  let t: TestApp;
  const keyA = `sched-a-${randomUUID()}`;
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
      QUARRY_API_KEYS: `alpha:${keyA},beta:${keyB}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
      QUARRY_WEBHOOK_SECRET: `whsec-${randomUUID()}`,
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
  /** Polls until `ok` holds (visibility and schedules update within moments, not at once). */
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) => {
    for (let i = 0; i < 150; i++) {
      const v = await read();
      if (ok(v)) return v;
      await sleep(200);
    }
    throw new Error(`never: ${what}`);
  };
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
    expect(resumed.body).toMatchObject({ paused: false });
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

  it('a scheduled research run says what is new since the previous successful run', async () => {
    const subQuestions = ['混合检索的 alpha 参数有什么作用？', 'HNSW 索引是什么？'];
    const created = await post('/v1/schedules', {
      task: { question: '检索周报', collection: kb, mode: 'research', options: { subQuestions } },
      cron: '0 9 * * MON',
      timezone: 'Asia/Shanghai',
      paused: true,
    });
    const id = created.body.id as string;
    const run = async () => {
      const res = await post(`/v1/schedules/${id}/trigger`);
      const done = await finished(res.body.taskId);
      expect(done.body.status).toBe('completed');
      return done.body as ResearchRun;
    };
    const first = await run();
    expect(first.result.sincePrevious).toBeUndefined();
    expect(first.result.findings[1].abstained).toBe(true);

    await call(
      t.url,
      'POST',
      `/v1/collections/${kb}/documents?wait=true`,
      {
        documents: [
          {
            source: 'hnsw.md',
            text: '# HNSW 索引\n\nHNSW 索引是一种分层的近邻图，向量检索用它快速找到最相近的向量。',
          },
        ],
      },
      A,
    );
    const second = await run();
    const news = second.result.sincePrevious!;
    expect(news).toMatchObject({ taskId: first.id, newlyAnswered: ['HNSW 索引是什么？'] });
    const fresh = second.result.citations.filter((c) => news.newCitations.includes(c.n));
    expect(fresh.map((c) => c.source)).toEqual(['hnsw.md']);
    expect(second.result.report).toContain('## New since the previous run');
    expect(second.result.report).toContain('- Answered now, not before: HNSW 索引是什么？');
    expect(second.result.report).toMatch(/hnsw\.md — ".*" \(new\)/);

    const third = await run();
    expect(third.result.sincePrevious).toMatchObject({
      taskId: second.id,
      newCitations: [],
      newlyAnswered: [],
    });
    expect(third.result.report).toContain('_Nothing new: the previous run had all of this._');
    // Leaving its summary for the next run kept the schedule as it was (still paused).
    expect((await get(`/v1/schedules/${id}`)).body).toMatchObject({ paused: true, runCount: 3 });
    await call(t.url, 'DELETE', `/v1/schedules/${id}`, undefined, A);
  }, 120_000);

  it('`quarry schedule` creates, lists, pauses, resumes, triggers and deletes', async () => {
    const env = { QUARRY_URL: t.url, QUARRY_API_KEY: keyA };
    const created = await runCli(
      ['schedule', 'create', 'alpha 参数决定什么？', '-c', kb, '--cron', '0 9 * * MON', '--paused'],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = /^(sched-[0-9a-f-]+) {2}paused {2}cron "0 9 \* \* MON" \(UTC\)$/m.exec(
      created.stdout,
    )?.[1];
    expect(id).toBeDefined();
    const list = await until(
      () => runCli(['schedule', 'list'], env),
      (r) => r.stdout.includes(id!),
      'listed by the CLI',
    );
    expect(list.stdout).toContain(`answer on ${kb}: alpha 参数决定什么？`);
    expect((await runCli(['schedule', 'resume', id!], env)).stdout).toContain(`${id}  active`);
    expect((await runCli(['schedule', 'pause', id!, '--note', 'later'], env)).stdout).toContain(
      `${id}  paused (later)`,
    );
    const triggered = await runCli(['schedule', 'trigger', id!], env);
    expect(triggered.stdout.trim()).toMatch(new RegExp(`^task-${id}-`));
    expect((await finished(triggered.stdout.trim())).body.status).toBe('completed');
    expect((await runCli(['schedule', 'delete', id!], env)).stdout).toBe(`deleted ${id}\n`);
    const gone = await runCli(['schedule', 'delete', id!], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe(`quarry: No schedule ${id}\n`);
    const badCron = await runCli(['schedule', 'create', 'q?', '-c', kb, '--cron', 'nope'], env);
    expect(badCron.code).toBe(1);
    expect(badCron.stderr).toContain('cron "nope" is not a valid cron expression');
  }, 60_000);

  it('documents every schedule route with every status it returns in the OpenAPI spec', async () => {
    const spec = (await (await fetch(`${t.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method: string) =>
      Object.keys(spec.paths[path]?.[method]?.responses ?? {}).sort();
    expect(statuses('/v1/schedules', 'post')).toEqual(['201', '400', '401', '404', '429', '503']);
    expect(statuses('/v1/schedules', 'get')).toEqual(['200', '400', '401', '429', '503']);
    expect(statuses('/v1/schedules/{id}', 'get')).toEqual(['200', '401', '404', '429', '503']);
    expect(statuses('/v1/schedules/{id}', 'delete')).toEqual(['204', '401', '404', '429', '503']);
    for (const action of ['pause', 'resume'])
      expect(statuses(`/v1/schedules/{id}/${action}`, 'post')).toEqual([
        '200',
        '400',
        '401',
        '404',
        '429',
        '503',
      ]);
    expect(statuses('/v1/schedules/{id}/trigger', 'post')).toEqual([
      '202',
      '401',
      '404',
      '429',
      '503',
    ]);
    const tasks = spec.paths['/v1/tasks'].get as unknown as { parameters: { name: string }[] };
    expect(tasks.parameters.map((p) => p.name)).toContain('schedule');
  });
});
