import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { until } from '../support/poll';
import { runCli } from '../support/run-cli';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/** `quarry schedule …` against a running Quarry. */
describe('`quarry schedule`', () => {
  let t: TestApp;
  const keyA = `sched-a-${randomUUID()}`;
  // Tenant names of their own: other test files' tenants share the same Weaviate and Temporal.
  const alpha = `schedca${randomUUID().slice(0, 8)}`;
  const A = { authorization: `Bearer ${keyA}` };
  const kb = `schedc-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_API_KEYS: `${alpha}:${keyA}`,
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
    });
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC], A);
  });
  afterAll(async () => t?.close());

  const get = (path: string) => call(t.url, 'GET', path, undefined, A);
  const finished = (id: string) =>
    until(
      () => get(`/v1/tasks/${id}`),
      (r) => ['completed', 'failed', 'cancelled'].includes(r.body.status),
      `task ${id} finished`,
    );

  it('`quarry schedule` creates, lists, pauses, resumes, triggers and deletes', async () => {
    const env = { QUARRY_URL: t.url, QUARRY_API_KEY: keyA };
    const created = await runCli(
      ['schedule', 'create', 'alpha 参数决定什么？', '-c', kb, '--cron', '0 9 * * MON', '--paused'],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = /^(sched-[0-9a-f-]+) {2}paused {2}cron "0 9 \* \* MON" \(UTC\)$/m.exec(
      created.stdout,
    )?.[1];
    expect(id).toBeDefined();
    const list = await until(
      () => runCli(['schedule', 'list'], env),
      (r) => r.stdout.includes(id!),
      'listed by the CLI',
    );
    expect(list.stdout).toContain(`answer on ${kb}: alpha 参数决定什么？`);
    expect((await runCli(['schedule', 'resume', id!], env)).stdout).toContain(`${id}  active`);
    expect((await runCli(['schedule', 'pause', id!, '--note', 'later'], env)).stdout).toContain(
      `${id}  paused (later)`,
    );
    const triggered = await runCli(['schedule', 'trigger', id!], env);
    expect(triggered.stdout.trim()).toMatch(new RegExp(`^task-${id}-`));
    expect((await finished(triggered.stdout.trim())).body.status).toBe('completed');
    expect((await runCli(['schedule', 'delete', id!], env)).stdout).toBe(`deleted ${id}\n`);
    const gone = await runCli(['schedule', 'delete', id!], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe(`quarry: No schedule ${id}\n`);
    const badCron = await runCli(['schedule', 'create', 'q?', '-c', kb, '--cron', 'nope'], env);
    expect(badCron.code).toBe(1);
    expect(badCron.stderr).toContain('cron "nope" is not a valid cron expression');
  }, 60_000);
});
