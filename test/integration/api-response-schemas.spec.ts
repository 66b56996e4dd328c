import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { SpecValidator, type Spec } from '../support/spec-validator';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Routes whose success answer has no JSON body: empty answers (204), the event stream and MCP's
 * JSON-RPC. Every other route publishes its answer's schema and is called below.
 */
const NO_SUCCESS_SCHEMA = [
  'DELETE /v1/collections/{name}',
  'DELETE /v1/collections/{name}/documents',
  'DELETE /v1/schedules/{id}',
  'GET /v1/tasks/{id}/events',
  'POST /mcp',
];

/**
 * Every route that publishes a response schema is called on the real stack, in the states its
 * answer can take (a task queued, waiting, completed as an answer and as a report, failed,
 * cancelled, retried; a schedule created, paused, resumed, triggered), and each real answer, the
 * error bodies included, is validated against the schema the spec publishes for its status.
 */
describe('every route answers as its OpenAPI schema says', () => {
  let t: TestApp;
  let specs: SpecValidator;
  const called = new Set<string>();
  const kb = `schemas-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
      QUARRY_WEBHOOK_SECRET: `whsec-${randomUUID()}`,
    });
    specs = new SpecValidator((await (await fetch(`${t.url}/docs-json`)).json()) as Spec);
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC]);
  });
  afterAll(async () => t?.close());

  /** Calls a route and checks its answer against the spec's schema for the status it answered. */
  async function exchange(method: string, route: string, path: string, body?: unknown) {
    const res = await call(t.url, method, path, body);
    specs.check(method, route, res.status, res.body);
    called.add(`${method} ${route}`);
    return res;
  }

  const task = (id: string) => exchange('GET', '/v1/tasks/{id}', `/v1/tasks/${id}`);
  const until = async (id: string, ok: (status: string) => boolean) => {
    for (let i = 0; i < 600; i++) {
      const res = await task(id);
      if (ok(res.body.status)) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`task ${id} never got there`);
  };

  it('task routes, in every state a task passes through', async () => {
    const answer = await exchange('POST', '/v1/tasks', '/v1/tasks', {
      question: 'alpha 参数有什么作用？',
      collection: kb,
    });
    expect(answer.status).toBe(202);
    expect((await until(answer.body.id, (s) => s === 'completed')).body.result.answer).toBeTruthy();

    const research = await exchange('POST', '/v1/tasks', '/v1/tasks', {
      question: '混合检索',
      collection: kb,
      mode: 'research',
      options: { subQuestions: ['alpha 决定什么？', '量子纠错码怎么实现？'], approvePlan: true },
    });
    await until(research.body.id, (s) => s === 'waiting_for_input');
    const approved = await exchange(
      'POST',
      '/v1/tasks/{id}/input',
      `/v1/tasks/${research.body.id}/input`,
      {},
    );
    expect(approved.status).toBe(202);
    const late = await exchange(
      'POST',
      '/v1/tasks/{id}/input',
      `/v1/tasks/${research.body.id}/input`,
      {},
    );
    expect(late.status).toBe(409);
    const report = await until(research.body.id, (s) => s === 'completed');
    expect(report.body.result.findings).toHaveLength(2);

    const rejected = await exchange('POST', '/v1/tasks', '/v1/tasks', {
      question: 'alpha？',
      collection: kb,
      mode: 'research',
      options: { approvePlan: true },
    });
    await until(rejected.body.id, (s) => s === 'waiting_for_input');
    await exchange('POST', '/v1/tasks/{id}/input', `/v1/tasks/${rejected.body.id}/input`, {
      approve: false,
    });
    expect((await until(rejected.body.id, (s) => s === 'failed')).body.error).toMatch(/rejected/);

    const waiting = await exchange('POST', '/v1/tasks', '/v1/tasks', {
      question: '这个怎么设置？',
      collection: kb,
      options: { allowClarify: true },
    });
    await until(waiting.body.id, (s) => s === 'waiting_for_input');
    const cancelled = await exchange(
      'POST',
      '/v1/tasks/{id}/cancel',
      `/v1/tasks/${waiting.body.id}/cancel`,
    );
    expect(cancelled.status).toBe(202);
    await until(waiting.body.id, (s) => s === 'cancelled');
    expect(
      (await exchange('POST', '/v1/tasks/{id}/cancel', `/v1/tasks/${waiting.body.id}/cancel`))
        .status,
    ).toBe(409);
    const retried = await exchange(
      'POST',
      '/v1/tasks/{id}/retry',
      `/v1/tasks/${waiting.body.id}/retry`,
    );
    expect(retried.body.retryOf).toBe(waiting.body.id);
    await exchange('POST', '/v1/tasks/{id}/cancel', `/v1/tasks/${retried.body.id}/cancel`);
    expect(
      (await exchange('POST', '/v1/tasks/{id}/retry', `/v1/tasks/${answer.body.id}/retry`)).status,
    ).toBe(409);

    const listed = await exchange('GET', '/v1/tasks', `/v1/tasks?collection=${kb}&limit=2`);
    expect(listed.body.nextCursor).toEqual(expect.any(String));
    expect((await exchange('GET', '/v1/tasks', '/v1/tasks?status=sleeping')).status).toBe(400);
    expect(
      (await exchange('POST', '/v1/tasks', '/v1/tasks', { question: ' ', collection: kb })).status,
    ).toBe(400);
    expect(
      (await exchange('POST', '/v1/tasks', '/v1/tasks', { question: 'q?', collection: 'nope' }))
        .status,
    ).toBe(404);
    expect((await task('task-nope')).status).toBe(404);
  }, 180_000);

  it('schedule routes, through their lifecycle', async () => {
    const created = await exchange('POST', '/v1/schedules', '/v1/schedules', {
      task: { question: 'alpha 参数有什么作用？', collection: kb },
      every: '1h',
      paused: true,
      note: 'schema check',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await exchange('GET', '/v1/schedules', '/v1/schedules');
    await exchange('GET', '/v1/schedules/{id}', `/v1/schedules/${id}`);
    await exchange('POST', '/v1/schedules/{id}/resume', `/v1/schedules/${id}/resume`, {});
    await exchange('POST', '/v1/schedules/{id}/pause', `/v1/schedules/${id}/pause`, {
      note: 'hold',
    });
    const triggered = await exchange(
      'POST',
      '/v1/schedules/{id}/trigger',
      `/v1/schedules/${id}/trigger`,
    );
    expect(triggered.status).toBe(202);
    expect(
      (await exchange('POST', '/v1/schedules', '/v1/schedules', { task: {}, every: '1h' })).status,
    ).toBe(400);
    expect((await exchange('GET', '/v1/schedules/{id}', '/v1/schedules/sched-nope')).status).toBe(
      404,
    );
    expect((await call(t.url, 'DELETE', `/v1/schedules/${id}`)).status).toBe(204);
  });

  it('the webhook secret route', async () => {
    const secret = await exchange('GET', '/v1/webhooks/secret', '/v1/webhooks/secret');
    expect(secret.status).toBe(200);
  });

  it('knowledge-base routes, health, operations and diagnostics', async () => {
    const name = `kb-${randomUUID().slice(0, 8)}`;
    const made = await exchange('POST', '/v1/collections', '/v1/collections', {
      name,
      description: 'schema check',
    });
    expect(made.status).toBe(201);
    expect((await exchange('POST', '/v1/collections', '/v1/collections', { name })).status).toBe(
      409,
    );
    expect(
      (await exchange('POST', '/v1/collections', '/v1/collections', { name: 'Bad Name!' })).status,
    ).toBe(400);
    const docs = '/v1/collections/{name}/documents';
    const started = await exchange('POST', docs, `/v1/collections/${name}/documents`, {
      documents: [{ source: 'a.md', text: '# 混合检索\n\n参数 alpha 决定关键词与向量的权重。' }],
    });
    expect(started.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const job = await exchange(
        'GET',
        '/v1/ingestions/{id}',
        `/v1/ingestions/${started.body.jobId}`,
      );
      if (job.body.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const waited = await exchange('POST', docs, `/v1/collections/${name}/documents?wait=true`, {
      documents: [{ source: 'b.md', text: '# 重排\n\n短语重排按问题的短语重新排序。' }],
    });
    expect(waited.status).toBe(200);
    expect(waited.body.progress.indexed).toBe(1);
    expect((await exchange('GET', '/v1/ingestions/{id}', '/v1/ingestions/nope')).status).toBe(404);
    expect(
      (await exchange('POST', docs, '/v1/collections/nope/documents', { documents: [] })).status,
    ).toBe(404);

    expect((await exchange('GET', '/v1/collections', '/v1/collections')).body.collections).toEqual(
      expect.arrayContaining([expect.objectContaining({ name })]),
    );
    const described = await exchange('GET', '/v1/collections/{name}', `/v1/collections/${name}`);
    expect(described.body.documents.indexed).toBe(2);
    expect((await exchange('GET', '/v1/collections/{name}', '/v1/collections/nope')).status).toBe(
      404,
    );
    const page = await exchange('GET', docs, `/v1/collections/${name}/documents?limit=1`);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await exchange('GET', docs, `/v1/collections/${name}/documents?limit=0`)).status).toBe(
      400,
    );

    const search = '/v1/collections/{name}/search';
    for (const body of [
      { query: 'alpha 参数' },
      { query: 'alpha 参数', rerank: false },
      { query: '重排', mode: 'keyword', sources: ['b.md'] },
      { query: 'what does alpha do', mode: 'vector', limit: 1 },
    ]) {
      const found = await exchange('POST', search, `/v1/collections/${name}/search`, body);
      expect([found.status, found.body.hits?.length > 0]).toEqual([200, true]);
    }
    expect(
      (await exchange('POST', search, `/v1/collections/${name}/search`, { query: '' })).status,
    ).toBe(400);

    expect((await exchange('GET', '/health', '/health')).body.status).toBe('ok');
    expect((await exchange('GET', '/v1/ops/overview', '/v1/ops/overview')).body.taskQueue).toEqual(
      expect.any(String),
    );
    const roundTrip = await exchange(
      'POST',
      '/v1/diagnostics/roundtrip',
      '/v1/diagnostics/roundtrip',
    );
    expect(roundTrip.body.result.weaviate.version).toEqual(expect.any(String));
  }, 180_000);

  it('leaves no route with a response schema uncalled', () => {
    const routes = Object.entries(specs.spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    const withSchema = routes
      .filter(({ op }) =>
        Object.entries(op.responses).some(
          ([status, r]) => status < '400' && r.content?.['application/json']?.schema,
        ),
      )
      .map(({ route }) => route);
    expect(
      routes
        .map(({ route }) => route)
        .filter((r) => !withSchema.includes(r))
        .sort(),
    ).toEqual(NO_SUCCESS_SCHEMA);
    expect(withSchema.filter((r) => !called.has(r))).toEqual([]);
  });
});
