import { ApplicationFailure } from '@temporalio/common';
import {
  Client,
  Connection,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  inputUpdate,
  legacyInputSignal,
  progressQuery,
  type ResearchInput,
  type ResearchProgress,
  type ResearchResult,
} from '../../workflows/contract';
import { seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
  {
    source: 'guide/durability.md',
    text: '# Durable execution\n\nWhen a worker crashes, the workflow continues on another worker from the step where it stopped. The workflow keeps the checkpoint.',
  },
  {
    source: 'guide/tenants.md',
    text: '# 租户\n\n每个租户的数据存放在自己的分片中。Each tenant has its own shard in Weaviate.',
  },
];

describe('researchWorkflow: plan, child asks, report, against the real stack', () => {
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `research-wf-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp();
    expect(await seedKnowledgeBase(t.url, kb, DOCS)).toBe(3);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.close();
  });

  const start = (question: string, options: ResearchInput['options'] = {}, collection = kb) =>
    client.workflow.start('researchWorkflow', {
      taskQueue: t.config.temporal.taskQueue,
      workflowId: `research-${randomUUID()}`,
      args: [{ tenant: 'local', collection, question, options } satisfies ResearchInput],
    });

  const progressOf = async (handle: WorkflowHandle) =>
    (await handle.query(progressQuery)) as ResearchProgress;

  /** Every marker in the report resolves to a reference whose quote is in a document. */
  const checkReport = (r: ResearchResult) => {
    expect(r.report).toMatch(/^# .+\n\n## Summary\n[\s\S]*\n## Findings\n[\s\S]*\n## References\n/);
    const markers = [...r.report.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    expect(r.citations.map((c) => c.n)).toEqual(r.citations.map((_, i) => i + 1));
    for (const n of markers) {
      const c = r.citations.find((x) => x.n === n)!;
      expect(c).toBeDefined();
      expect(DOCS.find((d) => d.source === c.source)?.text).toContain(c.quote);
      expect(r.report).toContain(`[${n}] ${c.source} — `);
    }
  };

  it('plans a two-part question into two sub-questions, runs both as children, and writes a cited report', async () => {
    const handle = await start(
      '混合检索的 alpha 参数决定什么？What happens when a worker crashes?',
    );
    const r = (await handle.result()) as ResearchResult;
    expect(r.findings.map((f) => f.subQuestion)).toEqual([
      '混合检索的 alpha 参数决定什么？',
      'What happens when a worker crashes?',
    ]);
    expect(r.findings.map((f) => f.abstained)).toEqual([false, false]);
    expect(r.findings[0].citations[0].source).toBe('guide/search.md');
    expect(r.findings[1].citations[0].source).toBe('guide/durability.md');
    expect(r.abstained).toBe(false);
    expect(r.steps.map((s) => s.node).sort()).toEqual(['ask:0', 'ask:1', 'plan', 'synthesize']);
    for (const i of [0, 1]) {
      const child = await client.workflow.getHandle(`${handle.workflowId}-q${i}`).describe();
      expect([child.type, child.status.name]).toEqual(['askWorkflow', 'COMPLETED']);
    }
    checkReport(r);
    const progress = await progressOf(handle);
    expect([progress.state, progress.done, progress.plan.length]).toEqual(['completed', 2, 2]);
  });

  it('waits for the plan to be approved, then follows the edited plan', async () => {
    const handle = await start(
      '混合检索的 alpha 参数决定什么？What happens when a worker crashes?',
      {
        approvePlan: true,
      },
    );
    let progress = await progressOf(handle);
    for (let i = 0; i < 300 && progress.state !== 'waiting_for_input'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await progressOf(handle);
    }
    expect(progress.state).toBe('waiting_for_input');
    expect(progress.waitingFor).toEqual({ ask: 'Approve or edit the plan', plan: progress.plan });
    expect(progress.plan).toHaveLength(2);
    const refused = await handle
      .executeUpdate(inputUpdate, { args: [{ subQuestions: ['ok?', ' '] }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'InvalidReply',
      message: 'subQuestions[1] must not be blank',
    });
    const edited = ['Who keeps the checkpoint?', '每个租户的数据存放在哪里？'];
    await handle.executeUpdate(inputUpdate, { args: [{ subQuestions: edited }] });
    const r = (await handle.result()) as ResearchResult;
    expect(r.findings.map((f) => f.subQuestion)).toEqual(edited);
    expect(r.findings.map((f) => f.citations[0]?.source)).toEqual([
      'guide/durability.md',
      'guide/tenants.md',
    ]);
    checkReport(r);
  });

  it('fails without retries when the plan is rejected (by the signal replies came by before)', async () => {
    const handle = await start('What happens when a worker crashes?', { approvePlan: true });
    for (let i = 0; i < 300; i++) {
      if ((await progressOf(handle)).state === 'waiting_for_input') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await handle.signal(legacyInputSignal, { approve: false });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toMatchObject({
      type: 'PlanRejected',
      nonRetryable: true,
    });
  });

  it('goes ahead with the proposed plan when no one approves it in time', async () => {
    const handle = await start(
      '混合检索的 alpha 参数决定什么？What happens when a worker crashes?',
      { approvePlan: true, approvalTimeoutSeconds: 2 },
    );
    let progress = await progressOf(handle);
    for (let i = 0; i < 300 && progress.state !== 'waiting_for_input'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await progressOf(handle);
    }
    expect(progress.state).toBe('waiting_for_input');
    const proposed = progress.plan;
    expect(proposed).toHaveLength(2);
    // No signal: the timer ends the wait and the proposed plan is answered as it stands.
    const r = (await handle.result()) as ResearchResult;
    expect(r.findings.map((f) => f.subQuestion)).toEqual(proposed);
    expect(r.findings.map((f) => f.abstained)).toEqual([false, false]);
    checkReport(r);
    const events = (await handle.fetchHistory()).events!;
    const fired = events.filter((e) => e.timerFiredEventAttributes);
    const started = events.filter((e) => e.timerStartedEventAttributes);
    expect(
      started.map((e) => Number(e.timerStartedEventAttributes!.startToFireTimeout!.seconds)),
    ).toEqual([2]);
    expect(fired).toHaveLength(1);
    expect(events.filter((e) => e.workflowExecutionSignaledEventAttributes)).toEqual([]);
  });

  it('completes 20 caller-given sub-questions with at most 5 children in flight', async () => {
    const subQuestions = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? `第${i}问：alpha 参数决定什么？`
        : `Question ${i}: what happens when a worker crashes?`,
    );
    const handle = await start('Twenty sub-questions', { subQuestions, concurrency: 5 });
    const r = (await handle.result()) as ResearchResult;
    expect(r.findings.map((f) => f.subQuestion)).toEqual(subQuestions);
    expect(r.findings.filter((f) => f.abstained)).toEqual([]);
    expect(r.steps.filter((s) => s.node.startsWith('ask:'))).toHaveLength(20);
    checkReport(r);
    // Two chunks answer all 20: the report numbers each chunk once.
    expect(r.citations.length).toBeLessThanOrEqual(3);
    const spans = await Promise.all(
      subQuestions.map(async (_, i) => {
        const d = await client.workflow.getHandle(`${handle.workflowId}-q${i}`).describe();
        return [d.startTime.getTime(), d.closeTime!.getTime()];
      }),
    );
    const inFlight = spans.map(([s]) => spans.filter(([a, b]) => a <= s && s < b).length);
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(5);
  }, 120_000);

  it('turns a failed sub-question into an abstained finding, not a failed research task', async () => {
    const handle = await start('What happens when a worker crashes?', { ask: { topK: 999 } });
    const r = (await handle.result()) as ResearchResult;
    expect(r.abstained).toBe(true);
    expect(r.findings[0]).toMatchObject({ abstained: true, citations: [] });
    expect(r.findings[0].answer).toContain('options.topK must be 1-50');
    expect(r.report).toContain('_Not found in the knowledge base._');
    expect(r.citations).toEqual([]);
  });

  // Every row names its collection: a row shorter than the test's parameters reads as `done`.
  it.each<[string, string, ResearchInput['options'], string]>([
    ['an empty question', ' ', {}, kb],
    ['a question too long', 'x'.repeat(2001), {}, kb],
    ['a bad collection name', 'q?', {}, 'Bad Name!'],
    ['maxSubQuestions out of range', 'q?', { maxSubQuestions: 21 }, kb],
    ['concurrency out of range', 'q?', { concurrency: 0 }, kb],
    ['approvalTimeoutSeconds out of range', 'q?', { approvalTimeoutSeconds: 604801 }, kb],
    ['an empty caller plan', 'q?', { subQuestions: [] }, kb],
    ['a caller plan over 20', 'q?', { subQuestions: Array.from({ length: 21 }, () => 'q?') }, kb],
  ])('fails %s as InvalidResearchInput, without retries', async (_, question, options, coll) => {
    const err = await (await start(question, options, coll)).result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect([cause.type, cause.nonRetryable]).toEqual(['InvalidResearchInput', true]);
  });
});
