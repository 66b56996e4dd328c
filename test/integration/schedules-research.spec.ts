import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { until } from '../support/poll';
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

/** A weekly digest is not last week's report again: each run says what is new since the last. */
describe('scheduled research: what is new since the previous run', () => {
  let t: TestApp;
  const keyA = `sched-a-${randomUUID()}`;
  // Tenant names of their own: other test files' tenants share the same Weaviate and Temporal.
  const alpha = `schedra${randomUUID().slice(0, 8)}`;
  const A = { authorization: `Bearer ${keyA}` };
  const kb = `schedr-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_API_KEYS: `${alpha}:${keyA}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
    });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], A);
  });
  afterAll(async () => t?.close());

  const get = (path: string) => call(t.url, 'GET', path, undefined, A);
  const post = (path: string, body?: unknown) => call(t.url, 'POST', path, body, A);
  const finished = (id: string) =>
    until(
      () => get(`/v1/tasks/${id}`),
      (r) => ['completed', 'failed', 'cancelled'].includes(r.body.status),
      `task ${id} finished`,
    );

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
});
