import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const TASKS = 200;

describe('200 concurrent tasks through the API', () => {
  let t: TestApp;
  const kb = `load-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp({ QUARRY_RATE_LIMIT_PER_MINUTE: '0' });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [
        {
          source: 'a.md',
          text: '# 混合检索\n\n混合检索里的 alpha 参数决定关键词检索和向量检索的权重。',
        },
        {
          source: 'b.md',
          text: '# 持久执行\n\n工作进程崩溃时，工作流会在另一个工作进程上从中断的那一步继续。',
        },
      ],
    });
  });
  afterAll(async () => t?.close());

  it('all complete, none is lost or duplicated, and /health answers while they run', async () => {
    const questions = Array.from({ length: TASKS }, (_, i) =>
      i % 2 ? `第 ${i} 问：alpha 参数决定什么？` : `第 ${i} 问：工作进程崩溃时会怎样？`,
    );
    const created = await Promise.all(
      questions.map((question) => call(t.url, 'POST', '/v1/tasks', { question, collection: kb })),
    );
    expect(created.every((r) => r.status === 202)).toBe(true);
    const ids = new Set(created.map((r) => r.body.id as string));
    expect(ids.size).toBe(TASKS);

    const completed = new Set<string>();
    const deadline = Date.now() + 280_000;
    while (completed.size < TASKS && Date.now() < deadline) {
      // The API keeps answering while the tasks run (how fast is `quarry bench`'s to say).
      const health = await call(t.url, 'GET', '/health');
      expect(health.status).toBe(200);
      let cursor: string | null = null;
      do {
        const page: { body: { tasks: { id: string }[]; nextCursor: string | null } } = await call(
          t.url,
          'GET',
          `/v1/tasks?collection=${kb}&status=completed&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        for (const task of page.body.tasks) completed.add(task.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(completed.size).toBe(TASKS);
    expect([...completed].every((id) => ids.has(id))).toBe(true);
    const failed = await call(t.url, 'GET', `/v1/tasks?collection=${kb}&status=failed`);
    expect(failed.body.tasks).toEqual([]);
  }, 300_000);
});
