import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AskResult } from '../../workflows/contract';
import { AGENT_NODES } from '../../workflows/shared/agent-nodes';
import { recordedCalls } from '../support/history-steps';
import { OpenAiTestServer } from '../support/openai-test-server';
import type { TestApp } from '../support/test-app';
import {
  startCrashTestBed,
  type CrashTestBed,
  type WorkerProcesses,
} from '../support/worker-processes';

const QUESTION = '工作进程崩溃时会怎样？';

/**
 * Light steps (the extractive engine) run as local activities, recorded only when their workflow
 * task completes. A worker killed while one is in flight loses them: the workflow task times out
 * and another worker runs them again from the last recorded step. The embedding endpoint is a local
 * server, so the first step (retrieve, embedding the question) can be held in flight.
 */
describe('kill -9 the worker while a local step is in flight', () => {
  const server = new OpenAiTestServer();
  let t: TestApp;
  let client: Client;
  let workers: WorkerProcesses;
  let bed: CrashTestBed | undefined;
  const kb = `localcrash-${randomUUID().slice(0, 8)}`;
  const ask = () =>
    client.workflow.start('askWorkflow', {
      taskQueue: t.config.temporal.taskQueue,
      workflowId: `ask-localcrash-${randomUUID()}`,
      args: [{ tenant: 'local', collection: kb, question: QUESTION }],
    });

  beforeAll(async () => {
    const baseUrl = await server.start();
    const embedding = {
      QUARRY_EMBEDDING_PROVIDER: 'openai',
      QUARRY_EMBEDDING_BASE_URL: baseUrl,
      QUARRY_EMBEDDING_MODEL: 'test-embedding',
      QUARRY_EMBEDDING_DIMENSIONS: String(server.embeddingDimensions),
    };
    bed = await startCrashTestBed(kb, embedding, embedding);
    ({ t, client, workers } = bed);
  });
  afterAll(async () => {
    await bed?.close();
    await server.stop();
  });

  it('another worker runs the lost local steps again and gives the uninterrupted answer', async () => {
    const uninterrupted = (await (await ask()).result()) as AskResult;
    expect(uninterrupted.abstained).toBe(false);
    // A fresh worker: the question's embedding is not in its cache, so retrieve asks the endpoint.
    workers.latest.kill('SIGKILL');
    workers.start();

    server.enqueueEmbeddings({ hang: true });
    const before = server.embeddingRequests.length;
    const handle = await ask();
    while (server.embeddingRequests.length === before) await new Promise((r) => setTimeout(r, 100));
    expect(server.embeddingRequests.at(-1)?.join(' ')).toContain(QUESTION);
    workers.latest.kill('SIGKILL');
    workers.start();
    const resumed = (await handle.result()) as AskResult;

    expect(resumed.answer).toBe(uninterrupted.answer);
    expect(resumed.citations).toEqual(uninterrupted.citations);
    expect(resumed.steps.map((s) => s.node)).toEqual(uninterrupted.steps.map((s) => s.node));
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    // The killed worker's workflow task ran out its timeout; nothing of its steps was recorded.
    expect(events.some((e) => e.workflowTaskTimedOutEventAttributes)).toBe(true);
    const steps = recordedCalls(events).filter((c) =>
      (AGENT_NODES as readonly string[]).includes(c.type),
    );
    expect(steps.map((c) => c.type)).toEqual(resumed.steps.map((s) => s.node));
    expect(steps.every((c) => c.local)).toBe(true);
  }, 180_000);
});
