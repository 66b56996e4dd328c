import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
  {
    source: 'guide/durability.md',
    text: '# 持久执行\n\n工作进程崩溃时，工作流会在另一个工作进程上从中断的那一步继续。检查点由工作流保存。',
  },
];

interface Citation {
  n: number;
  chunkId: string;
  source: string;
  quote: string;
}

describe('research tasks: plan, child asks, report', () => {
  let t: TestApp;
  const kb = `research-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp({ QUARRY_RATE_LIMIT_PER_MINUTE: '0' });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, { documents: DOCS });
  });
  afterAll(async () => t?.close());

  const until = async (id: string, ok: (s: string) => boolean) => {
    for (let i = 0; i < 600; i++) {
      const res = await call(t.url, 'GET', `/v1/tasks/${id}`);
      if (ok(res.body.status)) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`task ${id} never got there`);
  };
  const research = async (question: string, options: object = {}) =>
    (
      await call(t.url, 'POST', '/v1/tasks', {
        question,
        collection: kb,
        mode: 'research',
        options,
      })
    ).body as { id: string; mode: string };

  const checkReport = (result: { report: string; citations: Citation[] }) => {
    expect(result.report).toMatch(/## Summary[\s\S]*## Findings[\s\S]*## References/);
    const markers = [...result.report.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    for (const n of markers) {
      const c = result.citations.find((x) => x.n === n);
      expect(c).toBeDefined();
      expect(DOCS.find((d) => d.source === c!.source)?.text).toContain(c!.quote);
    }
  };

  it('plans a compound question into sub-questions, answers each as a child, and writes a cited report', async () => {
    const task = await research('混合检索的 alpha 参数决定什么？工作进程崩溃时会怎样？');
    expect(task.mode).toBe('research');
    const done = await until(task.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.status).toBe('completed');
    const r = done.body.result;
    expect(r.findings.map((f: { subQuestion: string }) => f.subQuestion)).toEqual([
      '混合检索的 alpha 参数决定什么？',
      '工作进程崩溃时会怎样？',
    ]);
    expect(r.findings.every((f: { abstained: boolean }) => !f.abstained)).toBe(true);
    expect(done.body.steps.map((s: { node: string }) => s.node).sort()).toEqual(
      ['ask:0', 'ask:1', 'plan', 'synthesize'].sort(),
    );
    checkReport(r);
  });

  it('waits for the plan to be approved, and follows the edited plan', async () => {
    const task = await research('混合检索的 alpha 参数决定什么？工作进程崩溃时会怎样？', {
      approvePlan: true,
    });
    const waiting = await until(task.id, (s) => s === 'waiting_for_input');
    expect(waiting.body.waitingFor.plan).toHaveLength(2);
    const listed = await call(t.url, 'GET', `/v1/tasks?status=waiting_for_input&mode=research`);
    expect(listed.body.tasks.map((x: { id: string }) => x.id)).toContain(task.id);
    const edited = await call(t.url, 'POST', `/v1/tasks/${task.id}/input`, {
      subQuestions: ['检查点由谁保存？'],
    });
    expect(edited.status).toBe(202);
    const done = await until(task.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.result.findings.map((f: { subQuestion: string }) => f.subQuestion)).toEqual([
      '检查点由谁保存？',
    ]);
    checkReport(done.body.result);
  });

  it('completes a plan of 20 sub-questions, five at a time', async () => {
    const subQuestions = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? `第${i}问：alpha 参数决定什么？` : `第${i}问：工作进程崩溃时会怎样？`,
    );
    const task = await research('二十个子问题', { subQuestions, concurrency: 5 });
    const done = await until(task.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.status).toBe('completed');
    expect(done.body.result.findings).toHaveLength(20);
    expect(
      done.body.result.findings.filter((f: { abstained: boolean }) => !f.abstained).length,
    ).toBe(20);
    checkReport(done.body.result);
  }, 120_000);

  it('rejects bad research input: at the API with 400, in the workflow without retries', async () => {
    const bad = await call(t.url, 'POST', '/v1/tasks', {
      question: 'q?',
      collection: kb,
      mode: 'research',
      options: { subQuestions: [], maxSubQuestions: 50, approvalTimeoutSeconds: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/approvalTimeoutSeconds must not be less than 1/);
    expect(bad.body.error.message).toMatch(/subQuestions must contain at least 1 elements/);
    expect(bad.body.error.message).toMatch(/maxSubQuestions must not be greater than 20/);
    const connection = await Connection.connect({ address: t.config.temporal.address! });
    const client = new Client({ connection, namespace: t.config.temporal.namespace });
    const err = await client.workflow
      .execute('researchWorkflow', {
        taskQueue: t.config.temporal.taskQueue,
        workflowId: `research-bad-${randomUUID()}`,
        args: [{ tenant: 'local', collection: kb, question: 'q?', options: { concurrency: 99 } }],
      })
      .catch((e: unknown) => e);
    await connection.close();
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toContain(
      'options.concurrency must be 1-10',
    );
  });
});
