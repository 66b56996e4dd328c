import {
  ActivityFailure,
  ApplicationFailure,
  Client,
  Connection,
  WorkflowFailedError,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AskResult } from '../../workflows/contract';
import { call } from '../support/http';
import { OpenAiTestServer } from '../support/openai-test-server';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
  {
    source: 'guide/durability.md',
    text: '# 持久执行\n\nQuarry 把智能体的每一步作为一个 Temporal 活动运行。工作进程崩溃时，工作流会从中断的那一步继续。',
  },
];

describe('askWorkflow with an OpenAI-compatible model, against a local server speaking that protocol', () => {
  const server = new OpenAiTestServer();
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `llm-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const baseUrl = await server.start();
    t = await startTestApp({
      QUARRY_MODEL: 'openai:test-model',
      QUARRY_OPENAI_BASE_URL: baseUrl,
      QUARRY_OPENAI_API_KEY: 'sk-test',
      QUARRY_MODEL_TIMEOUT_MS: '60000',
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    const ingest = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: DOCS,
    });
    expect(ingest.body.progress.indexed).toBe(2);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.close();
    await server.stop();
  });

  const start = (question: string) =>
    client.workflow.start('askWorkflow', {
      taskQueue: t.config.temporal.taskQueue,
      workflowId: `ask-llm-${randomUUID()}`,
      args: [{ tenant: 'local', collection: kb, question }],
    });

  it('answers through every role with citations whose quotes are in the cited chunks', async () => {
    const before = server.requests.length;
    const result = (await (await start('混合检索是什么？')).result()) as AskResult;
    expect(result.abstained).toBe(false);
    expect(result.citations.length).toBeGreaterThan(0);
    const hits = (
      await call(t.url, 'POST', `/v1/collections/${kb}/search`, { query: '混合检索', limit: 10 })
    ).body.hits as { id: string; text: string }[];
    for (const c of result.citations) {
      const chunk = hits.find((h) => h.id === c.chunkId);
      expect(chunk?.text).toContain(c.quote);
    }
    // grade, generate, checkGrounding and checkAnswer each called the model.
    expect(server.requests.length - before).toBeGreaterThanOrEqual(4);
    expect(result.usage.modelCalls).toBe(server.requests.length - before);
    expect(result.usage.inputTokens).toBe(100 * result.usage.modelCalls);
  });

  it('waits out a 429 with retry-after and retries a 500, then completes', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '1' } }, { status: 500 });
    const handle = await start('alpha 参数决定什么？');
    const result = (await handle.result()) as AskResult;
    expect(result.abstained).toBe(false);
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 1);
    expect(Math.max(...attempts)).toBe(3);
  });

  it('fails at once, without retries, when the provider rejects the request (401)', async () => {
    server.enqueue({ status: 401, body: { error: { message: 'Incorrect API key provided' } } });
    const before = server.requests.length;
    const err = await (await start('工作进程崩溃时会怎样？')).result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const activity = (err as WorkflowFailedError).cause as ActivityFailure;
    const reason = activity.cause as ApplicationFailure;
    expect(reason.type).toBe('ModelRequestRejected');
    expect(reason.nonRetryable).toBe(true);
    expect(reason.message).toContain('HTTP 401: Incorrect API key provided');
    expect(server.requests.length - before).toBe(1);
  });

  it('cancelling the workflow aborts the model call in flight', async () => {
    server.enqueue({ hang: true });
    const before = server.requests.length;
    const aborted = server.aborted;
    const handle = await start('BM25 是什么？');
    while (server.requests.length === before) await new Promise((r) => setTimeout(r, 100));
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    // WAIT_CANCELLATION_COMPLETED: the workflow closed only after the step stopped its call.
    expect(server.aborted).toBe(aborted + 1);
  });
});
