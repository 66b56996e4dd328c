import { randomUUID } from 'node:crypto';
import { registry } from '../../src/metrics/registry';
import { TaskWatchers } from '../../src/tasks/task-watch';
import { call } from '../support/http';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { parseEvents, type SseEvent } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

/** Calls the API process has made to Temporal so far (the client's gRPC interceptor counts them). */
async function temporalCalls(): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('quarry_temporal_client_calls_total')!.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.method), v.value]));
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** An SSE stream read as it arrives; `done` resolves with every event when the server ends it. */
function openStream(url: string) {
  const events: SseEvent[] = [];
  const done = fetch(url).then(async (res) => {
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      text += decoder.decode(value, { stream: true });
      const cut = text.lastIndexOf('\n\n');
      if (cut >= 0) {
        events.push(...parseEvents(text.slice(0, cut + 2)));
        text = text.slice(cut + 2);
      }
    }
    return events;
  });
  return { events, done };
}

describe('task events: followers of a task share one watcher that waits on Temporal', () => {
  let t: TestApp;
  const kb = `watch-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp();
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC]);
  });
  afterAll(async () => t?.close());

  it('costs next to nothing while the task waits, and every stream sees every step and the end', async () => {
    const { body: task } = await call<{ id: string }>(t.url, 'POST', '/v1/tasks', {
      question: '这个怎么设置？',
      collection: kb,
      options: { allowClarify: true },
    });
    for (let i = 0; i < 200; i++) {
      const { body } = await call(t.url, 'GET', `/v1/tasks/${task.id}`);
      if (body.status === 'waiting_for_input') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const streams = Array.from({ length: 5 }, () =>
      openStream(`${t.url}/v1/tasks/${task.id}/events`),
    );
    // Every stream has its first status: the watcher is up.
    for (let i = 0; i < 100 && streams.some((s) => s.events.length === 0); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(t.app.get(TaskWatchers).size).toBe(1);

    const before = await temporalCalls();
    // QUARRY_TEST_IDLE_MS=65000 measures a minute and more (docs/BENCHMARKS.md).
    const idleMs = Number(process.env.QUARRY_TEST_IDLE_MS ?? 10_000);
    await new Promise((r) => setTimeout(r, idleMs));
    const after = await temporalCalls();
    const idleCalls = total(after) - total(before);
    process.stderr.write(
      `5 streams on a waiting task, ${idleMs / 1000} s: ${idleCalls} calls to Temporal ` +
        `(${JSON.stringify(after)})\n`,
    );
    // Polling cost 2 calls every 300 ms per stream (~330 here); one pending long poll is at most a
    // call or two (the server answers an empty long poll every ~20 s).
    expect(idleCalls).toBeLessThanOrEqual(2 + Math.floor(idleMs / 20_000));

    const reply = await call(t.url, 'POST', `/v1/tasks/${task.id}/input`, {
      text: '混合检索里的 alpha 参数',
    });
    expect(reply.status).toBe(202);
    const all = await Promise.all(streams.map((s) => s.done));
    const { body: done } = await call(t.url, 'GET', `/v1/tasks/${task.id}`);
    expect(done.status).toBe('completed');
    for (const events of all) {
      const steps = events.filter((e) => e.event === 'step');
      expect(steps.map((e) => (e.data as { node: string }).node)).toEqual(
        done.steps.map((s: { node: string }) => s.node),
      );
      expect(events.at(-1)).toMatchObject({ event: 'completed', id: String(steps.length + 1) });
    }
    expect(t.app.get(TaskWatchers).size).toBe(0);
  }, 180_000);
});
