import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AskResult } from '../../workflows/contract';
import type { ResearchResult } from '../../workflows/contract';
import { OpenAiTestServer } from '../support/openai-test-server';
import type { TestApp } from '../support/test-app';
import {
  startCrashTestBed,
  type CrashTestBed,
  type WorkerProcesses,
} from '../support/worker-processes';

/**
 * The model is a local server speaking OpenAI's protocol (deterministic replies), so a step can be
 * held in flight — the model call hangs — while its worker process is killed with SIGKILL.
 */
describe('kill -9 the worker while a step is in flight (ask and research)', () => {
  const server = new OpenAiTestServer();
  let t: TestApp;
  let client: Client;
  let workers: WorkerProcesses;
  let bed: CrashTestBed | undefined;
  const kb = `askcrash-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const baseUrl = await server.start();
    bed = await startCrashTestBed(
      kb,
      {},
      {
        QUARRY_MODEL: 'openai:test-model',
        QUARRY_OPENAI_BASE_URL: baseUrl,
      },
    );
    ({ t, client, workers } = bed);
  });
  afterAll(async () => {
    await bed?.close();
    await server.stop();
  });

  const start = () =>
    client.workflow.start('askWorkflow', {
      taskQueue: t.config.temporal.taskQueue,
      workflowId: `ask-crash-${randomUUID()}`,
      args: [{ tenant: 'local', collection: kb, question: '工作进程崩溃时会怎样？' }],
    });

  it('another worker resumes at the step in flight and gives the uninterrupted answer', async () => {
    const uninterrupted = (await (await start()).result()) as AskResult;
    expect(uninterrupted.abstained).toBe(false);

    server.enqueue({ hang: true });
    const before = server.requests.length;
    const handle = await start();
    while (server.requests.length === before) await new Promise((r) => setTimeout(r, 100));
    workers.latest.kill('SIGKILL');
    workers.start();
    const resumed = (await handle.result()) as AskResult;

    expect(resumed.answer).toBe(uninterrupted.answer);
    expect(resumed.citations).toEqual(uninterrupted.citations);
    // One record per node: the killed attempt left none, the retry wrote it once.
    expect(resumed.steps.map((s) => s.node)).toEqual(uninterrupted.steps.map((s) => s.node));
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 1);
    expect(Math.max(...attempts)).toBe(2);
    expect(attempts.filter((a) => a === 2)).toHaveLength(1);
    // The timeline says which step needed a second attempt.
    expect(resumed.steps.filter((s) => s.attempt === 2)).toHaveLength(1);
  }, 180_000);

  it('a research task: a new worker finishes it with the same report and each sub-question answered once', async () => {
    const question = '工作进程崩溃时会怎样？混合检索的 alpha 参数决定什么？';
    const run = () =>
      client.workflow.start('researchWorkflow', {
        taskQueue: t.config.temporal.taskQueue,
        workflowId: `research-crash-${randomUUID()}`,
        args: [{ tenant: 'local', collection: kb, question, options: { concurrency: 1 } }],
      });
    const start = server.requests.length;
    const uninterrupted = (await (await run()).result()) as ResearchResult;
    expect(uninterrupted.findings).toHaveLength(2);
    // The plan, then one sub-question at a time: the calls before the second's first are the
    // planner's (whose prompt holds both) and the first sub-question's.
    const [first, second] = uninterrupted.findings.map((f) => f.subQuestion) as [string, string];
    const mentions = (r: (typeof server.requests)[number], text: string) =>
      r.messages.some((m) => m.content.includes(text));
    const firstCalls = server.requests
      .slice(start)
      .findIndex((r) => mentions(r, second) && !mentions(r, first));
    expect(firstCalls).toBeGreaterThan(0);

    const before = server.requests.length;
    // Hang the second sub-question's first model call: the first one is answered by then.
    server.enqueue(...Array.from({ length: firstCalls }, () => ({ pass: true }) as const), {
      hang: true,
    });
    const handle = await run();
    while (server.requests.length < before + firstCalls + 1)
      await new Promise((r) => setTimeout(r, 100));
    // The call in flight is the hung one: the second sub-question's first.
    expect(JSON.stringify(server.requests.at(-1))).toContain(uninterrupted.findings[1].subQuestion);
    workers.latest.kill('SIGKILL');
    workers.start();
    const resumed = (await handle.result()) as ResearchResult;

    expect(resumed.report).toBe(uninterrupted.report);
    expect(resumed.findings.map((f) => f.subQuestion)).toEqual(
      uninterrupted.findings.map((f) => f.subQuestion),
    );
    // Each sub-question ran as exactly one child workflow, and each is in the timeline once.
    expect(
      resumed.steps
        .filter((x) => x.node.startsWith('ask:'))
        .map((x) => x.node)
        .sort(),
    ).toEqual(['ask:0', 'ask:1']);
  }, 180_000);
});
