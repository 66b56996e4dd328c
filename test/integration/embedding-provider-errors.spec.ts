import {
  ActivityFailure,
  ApplicationFailure,
  Client,
  Connection,
  WorkflowFailedError,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { recordedCalls } from '../support/history-steps';
import { call } from '../support/http';
import { OpenAiTestServer } from '../support/openai-test-server';
import { startTestApp, type TestApp } from '../support/test-app';

const DOC = {
  source: 'guide/search.md',
  text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
};
const DENIED = {
  status: 401,
  body: {
    error: { message: 'Incorrect API key provided: sk-wrong', type: 'invalid_request_error' },
  },
};

/** Attempts of each activity (regular or local) of one type, or of all, from the history. */
async function attempts(client: Client, workflowId: string, type?: string): Promise<number[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return recordedCalls(history.events ?? [])
    .filter((c) => !type || c.type === type)
    .map((c) => c.attempt);
}

// Retrying an embedding call is Temporal's job, as for the chat models: a rejected request fails
// at once with the provider's message (it used to be retried for ~151 s by an ingestion and ~51 s
// by an ask, with 5 more tries of the embedder's own inside each attempt), an outage waits for
// the provider's Retry-After.
describe('an OpenAI-compatible embedding endpoint that refuses or is busy (local loopback server)', () => {
  const server = new OpenAiTestServer();
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `emb-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const baseUrl = await server.start();
    t = await startTestApp({
      QUARRY_EMBEDDING_PROVIDER: 'openai',
      QUARRY_EMBEDDING_BASE_URL: baseUrl,
      QUARRY_EMBEDDING_MODEL: 'test-embedding',
      QUARRY_EMBEDDING_DIMENSIONS: String(server.embeddingDimensions),
      QUARRY_EMBEDDING_API_KEY: 'sk-wrong',
    });
    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(201);
    connection = await Connection.connect({ address: t.config.temporal.address! });
    client = new Client({ connection, namespace: t.config.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await t?.close();
    await server.stop();
  });

  it('fails an ingestion after one request on a 401, with the provider message, and removes its uploads', async () => {
    server.enqueueEmbeddings(DENIED);
    const before = server.embeddingRequests.length;
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [DOC],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', progress: { state: 'failed' } });
    expect(res.body.progress.error).toContain('answered 401: Incorrect API key provided');
    expect(server.embeddingRequests.length - before).toBe(1);
    expect(await attempts(client, res.body.jobId)).toEqual([1, 1]); // ingestFile, discardStaging

    const failure = await client.workflow
      .getHandle(res.body.jobId)
      .result()
      .catch((e: unknown) => e);
    const reason = ((failure as WorkflowFailedError).cause as ActivityFailure)
      .cause as ApplicationFailure;
    expect(reason).toMatchObject({ type: 'EmbeddingRequestError', nonRetryable: true });

    const progress = await call(t.url, 'GET', `/v1/ingestions/${res.body.jobId}`);
    expect(progress.body).toMatchObject({ state: 'failed' });
    expect(progress.body.error).toContain('Incorrect API key provided');
    expect(existsSync(join(t.config.paths.dataDir, 'staging', res.body.jobId))).toBe(false);
  });

  it('retries a 429 after the Retry-After the provider sent, then ingests', async () => {
    server.enqueueEmbeddings({ status: 429, headers: { 'retry-after': '4' } });
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [{ ...DOC, source: 'guide/again.md' }],
    });
    expect(res.body).toMatchObject({ status: 'completed', progress: { indexed: 1 } });
    const events = (await client.workflow.getHandle(res.body.jobId).fetchHistory()).events ?? [];
    const at = (e: (typeof events)[number]) =>
      Number(e.eventTime!.seconds) * 1000 + (e.eventTime!.nanos ?? 0) / 1e6;
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes)!;
    const started = events.find((e) => e.activityTaskStartedEventAttributes)!;
    // History keeps the last attempt: ingestFile's second, at least 4 s after it was scheduled
    // (the retry policy alone waits 1 s).
    expect(started.activityTaskStartedEventAttributes!.attempt).toBe(2);
    expect(at(started) - at(scheduled)).toBeGreaterThanOrEqual(3900);
  });

  it('fails an ask after one attempt on a 401 from the embedding endpoint, with the provider message', async () => {
    server.enqueueEmbeddings(DENIED);
    const before = server.embeddingRequests.length;
    const task = await call(t.url, 'POST', '/v1/tasks', {
      question: `alpha 参数决定什么？ ${randomUUID()}`,
      collection: kb,
    });
    expect(task.status).toBe(202);
    const err = await client.workflow
      .getHandle(task.body.id)
      .result()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    // A regular activity's failure arrives wrapped in an ActivityFailure, a local one's as it is.
    let reason = (err as WorkflowFailedError).cause;
    while (reason instanceof ActivityFailure) reason = reason.cause;
    expect(reason).toBeInstanceOf(ApplicationFailure);
    expect(reason).toMatchObject({ type: 'EmbeddingRequestError', nonRetryable: true });
    expect(reason?.message).toContain('answered 401: Incorrect API key provided');
    expect(server.embeddingRequests.length - before).toBe(1);
    expect(await attempts(client, task.body.id, 'retrieve')).toEqual([1]);

    const view = await call(t.url, 'GET', `/v1/tasks/${task.body.id}`);
    expect(view.body).toMatchObject({ status: 'failed' });
    expect(view.body.error).toContain('Incorrect API key provided');
  });
});
