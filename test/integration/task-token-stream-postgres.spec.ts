import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { TokenChannelService } from '../../src/streaming/token-channel.service';
import { LISTENER_APPLICATION_NAME } from '../../src/streaming/token-listener-connection';
import type { AskResult } from '../../workflows/contract';
import { waitForOutput } from '../support/cli-process';
import { call } from '../support/http';
import { OpenAiTestServer } from '../support/openai-test-server';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { CLI } from '../support/run-cli';
import { followEvents, type SseEvent } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来，参数 alpha 决定两者的权重。',
  },
];

interface Token {
  node: string;
  draft: string;
  text: string;
}

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; !ok(); i++) {
    if (i > 600) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Tokens across processes: a real `quarry worker` child process publishes the answer's tokens
 * through PostgreSQL LISTEN/NOTIFY, and the API in this process (no embedded worker) shows them
 * on the task's event stream. Every role's model is a local server speaking OpenAI's protocol,
 * whose streamed reply the test can pause half written.
 */
describe('token events from a worker in another process, through PostgreSQL', () => {
  const server = new OpenAiTestServer();
  let pg: PrivatePostgres;
  let t: TestApp;
  let worker: ChildProcess;
  let tokens: TokenChannelService;
  const kb = `pgtokens-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const started = await startPrivatePostgres();
    if (!started)
      throw new Error('PostgreSQL is not installed: run `quarry setup --stack production`');
    pg = started;
    const baseUrl = await server.start();
    const models = {
      QUARRY_MODEL: 'openai:test-model',
      QUARRY_OPENAI_BASE_URL: baseUrl,
      QUARRY_OPENAI_API_KEY: 'sk-test',
      QUARRY_EVENTS_DATABASE_URL: pg.url('postgres'),
    };
    t = await startTestApp({ ...models, QUARRY_EMBEDDED_WORKER: 'false' });
    tokens = t.app.get(TokenChannelService);
    worker = spawn(process.execPath, [CLI, 'worker'], {
      env: { ...process.env, ...models, TEMPORAL_TASK_QUEUE: t.config.temporal.taskQueue },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(worker, /worker polling task queue/, 120_000);
    worker.stdout?.resume();
    worker.stderr?.resume();
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    const ingest = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: DOCS,
    });
    expect(ingest.body.progress).toMatchObject({ indexed: 1, failed: 0 });
  }, 180_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
    await t?.close();
    await server.stop();
    await pg?.stop();
  }, 60_000);

  /**
   * Starts a task whose answer pauses half written, follows its events, and calls `midway` once
   * a token has arrived during the pause; then lets the answer finish.
   */
  const askHalfWritten = async (midway: (id: string) => Promise<void> = async () => {}) => {
    const hold = server.holdNextStream(32);
    const before = server.requests.length;
    const started = await call(t.url, 'POST', '/v1/tasks', {
      question: '混合检索是什么？',
      collection: kb,
    });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    let seenTokens = 0;
    const stop = new AbortController();
    const following = followEvents(
      `${t.url}/v1/tasks/${id}/events`,
      {},
      (e) => {
        if (e.event === 'token') seenTokens++;
      },
      stop.signal,
    );
    let afterMidway: number;
    try {
      await hold.reached;
      // A token written before the pause arrived through PostgreSQL while the answer is unfinished.
      await until('a token arrives', () => seenTokens > 0);
      await midway(id);
      afterMidway = seenTokens;
    } catch (err) {
      // A failure must not leave the stream open and the model paused (jest would never exit).
      stop.abort();
      await following.catch(() => undefined);
      throw err;
    } finally {
      hold.release();
    }
    const events = await following;
    return { id, events, afterMidway, requests: server.requests.slice(before) };
  };

  const check = (events: SseEvent[]) => {
    const completed = events.findIndex((e) => e.event === 'completed');
    expect(completed).toBeGreaterThan(0);
    expect(events.at(-1)?.event).toBe('completed');
    const streamed = events.filter((e) => e.event === 'token').map((e) => e.data as Token);
    expect(new Set(streamed.map((tk) => tk.node))).toEqual(new Set(['generate']));
    const draft = streamed.filter((tk) => tk.draft === streamed[0].draft).map((tk) => tk.text);
    const result = (events[completed].data as { result: AskResult }).result;
    return { streamed, written: draft.join(''), result };
  };

  it('shows the generate step’s tokens, then the durable answer with checked citations', async () => {
    expect(tokens.kind).toBe('postgres');
    const { events, requests } = await askHalfWritten();
    const { streamed, written, result } = check(events);
    // The reply came in 8-character chunks: several frames crossed, in order, as the answer.
    expect(streamed.length).toBeGreaterThan(1);
    expect(requests.some((r) => r.stream === true)).toBe(true);
    expect(result.abstained).toBe(false);
    expect(written).toBe(result.answer.replace(/\s*\[\d+\]/g, ''));
    expect(result.citations.length).toBeGreaterThan(0);
    for (const c of result.citations) expect(DOCS[0].text).toContain(c.quote);
    // Every model role was asked through the OpenAI protocol (grade, generate, the two checks).
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(tokens.stats?.framesReceived).toBeGreaterThan(1);
  }, 120_000);

  it('a listener connection killed mid-answer reconnects; the rest of the tokens and the answer arrive', async () => {
    const connectsBefore = tokens.stats!.listenerConnects;
    const admin = new PgClient({ connectionString: pg.url('postgres') });
    await admin.connect();
    try {
      const run = await askHalfWritten(async (id) => {
        const killed = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [LISTENER_APPLICATION_NAME],
        );
        expect(killed.rowCount).toBe(1);
        await until(
          'the listener reconnects',
          () => tokens.stats!.listenerConnects > connectsBefore,
        );
        expect(tokens.listening(id)).toBe(true);
      });
      const { streamed, written, result } = check(run.events);
      // Tokens kept coming after the reconnection, and none was lost while it was down (the
      // model was paused then), so they still spell the durable answer.
      expect(streamed.length).toBeGreaterThan(run.afterMidway);
      expect(written).toBe(result.answer.replace(/\s*\[\d+\]/g, ''));
      const task = await call(t.url, 'GET', `/v1/tasks/${run.id}`);
      expect(task.body).toMatchObject({ status: 'completed', result: { answer: result.answer } });
    } finally {
      await admin.end();
    }
  }, 120_000);
});
