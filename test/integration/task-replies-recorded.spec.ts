import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from '../support/http';
import { HYBRID_DOC, SEARCH_GUIDE, seedKnowledgeBase } from '../support/seed';
import { temporalWithConfig } from '../support/temporal-with-config';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Set to a suffix (e.g. `v3`) to write what these runs record into test/fixtures/histories as
 * `<name>-<suffix>.json`, for the replay test: histories of the workflow code of the day.
 */
const RECORD = process.env.QUARRY_RECORD_HISTORIES;

/**
 * The paths a reply takes through the API, on a Temporal server that suggests continue-as-new
 * after 10 history events: an answer task that asks a clarifying question and gets its reply, and
 * a research task whose plan is approved and that then continues as new after each sub-question.
 * The `-v2` recordings carry the replies as the `input` signal (before the update), `-v3` ones as
 * the `input` update.
 */
describe('task replies: a clarification, a plan approval, continue-as-new', () => {
  let temporal: Awaited<ReturnType<typeof temporalWithConfig>>;
  let t: TestApp;
  let client: Client;
  let connection: Connection;
  const kb = `replies-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    temporal = await temporalWithConfig({ 'limit.historyCount.suggestContinueAsNew': 10 });
    t = await startTestApp({ TEMPORAL_ADDRESS: temporal.address });
    expect(await seedKnowledgeBase(t.url, kb, [HYBRID_DOC, SEARCH_GUIDE])).toBe(2);
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: 'quarry' });
  }, 120_000);
  afterAll(async () => {
    await connection?.close();
    await t?.close();
    await temporal?.stop();
  });

  const until = async (id: string, ok: (status: string) => boolean) => {
    for (let i = 0; i < 600; i++) {
      const res = await call(t.url, 'GET', `/v1/tasks/${id}`);
      if (ok(res.body.status)) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`task ${id} never got there`);
  };

  /** Every run of the workflow, first to last (a run that continued as new names the previous). */
  const runs = async (id: string) => {
    const ids: (string | undefined)[] = [];
    let runId: string | undefined;
    do {
      const history = await client.workflow.getHandle(id, runId).fetchHistory();
      ids.unshift(runId);
      runId =
        history.events![0].workflowExecutionStartedEventAttributes?.continuedExecutionRunId ??
        undefined;
    } while (runId);
    return ids;
  };

  /** The run's history in the JSON form replay reads, as the Temporal CLI exports it. */
  const record = (name: string, id: string, runId?: string) => {
    if (!RECORD) return;
    const json = execFileSync(process.env.QUARRY_TEMPORAL_BIN!, [
      ...['workflow', 'show', '--output', 'json', '--address', temporal.address],
      ...['--namespace', 'quarry', '--workflow-id', id, ...(runId ? ['--run-id', runId] : [])],
    ]);
    writeFileSync(join(__dirname, '..', 'fixtures', 'histories', `${name}-${RECORD}.json`), json);
  };

  it('an answer task asks, takes the reply through the API, and answers with it', async () => {
    const task = await call(t.url, 'POST', '/v1/tasks', {
      question: '这个怎么设置？',
      collection: kb,
      options: { allowClarify: true },
    });
    expect(task.status).toBe(202);
    const waiting = await until(task.body.id, (s) => s === 'waiting_for_input');
    expect(waiting.body.waitingFor.ask).toContain('这个怎么设置？');
    const replied = await call(t.url, 'POST', `/v1/tasks/${task.body.id}/input`, {
      text: '混合检索里的 alpha 参数',
    });
    expect(replied.status).toBe(202);
    const done = await until(task.body.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.status).toBe('completed');
    expect(done.body.result.abstained).toBe(false);
    expect(done.body.steps.map((s: { node: string }) => s.node).slice(0, 4)).toEqual([
      'retrieve',
      'grade',
      'clarify',
      'clarify',
    ]);
    record('ask-clarified', task.body.id);
  });

  it('a research task waits for its plan, follows the edited plan, and continues as new', async () => {
    const task = await call(t.url, 'POST', '/v1/tasks', {
      question: '混合检索',
      collection: kb,
      mode: 'research',
      options: {
        subQuestions: ['BM25 是什么？', '向量检索是什么？'],
        approvePlan: true,
        concurrency: 1,
      },
    });
    expect(task.status).toBe(202);
    const waiting = await until(task.body.id, (s) => s === 'waiting_for_input');
    expect(waiting.body.waitingFor.plan).toEqual(['BM25 是什么？', '向量检索是什么？']);
    const edited = ['alpha 参数决定什么？', '混合检索结合了什么？', 'BM25 和向量检索怎样结合？'];
    const approved = await call(t.url, 'POST', `/v1/tasks/${task.body.id}/input`, {
      subQuestions: edited,
    });
    expect(approved.status).toBe(202);
    // The task runs its plan now: the workflow's update validator refuses another reply, and says
    // why, rather than the reply being dropped.
    const late = await call(t.url, 'POST', `/v1/tasks/${task.body.id}/input`, { approve: false });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(
      /^Task task-\S+ is not waiting for input \((it is running|it already has a reply)\)$/,
    );
    const done = await until(task.body.id, (s) => s === 'completed' || s === 'failed');
    expect(done.body.status).toBe('completed');
    expect(done.body.result.findings.map((f: { subQuestion: string }) => f.subQuestion)).toEqual(
      edited,
    );
    const chain = await runs(task.body.id);
    expect(chain.length).toBeGreaterThanOrEqual(2);
    chain.forEach((runId, i) =>
      record(`research-approved-continued-run${i + 1}`, task.body.id, runId),
    );
  });
});
