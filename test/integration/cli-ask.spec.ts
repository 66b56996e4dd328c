import { randomUUID } from 'node:crypto';
import { runCli } from '../support/run-cli';
import { SEARCH_GUIDE, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

describe('`quarry ask` against a running Quarry', () => {
  let t: TestApp;
  const kb = `cliask-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp();
    await seedKnowledgeBase(t.url, kb, [SEARCH_GUIDE]);
  });
  afterAll(async () => t?.close());

  it('follows the steps live and prints the answer with its sources', async () => {
    const res = await runCli(['ask', 'alpha 参数决定什么？', '-c', kb, '--follow'], {
      QUARRY_URL: t.url,
    });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^task task-/m);
    expect(res.stderr).toMatch(/^ {2}retrieve +\d+ ms$/m);
    expect(res.stderr).toMatch(/^ {2}finalize +\d+ ms$/m);
    expect(res.stdout).toContain('alpha 决定两者的权重');
    expect(res.stdout).toMatch(/Sources:\n {2}\[1\] guide\/search\.md: "/);
  });

  it('prints the finished task as JSON, and fails clearly on an unknown knowledge base', async () => {
    const json = await runCli(['ask', 'BM25 是什么？', '-c', kb, '--json'], { QUARRY_URL: t.url });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'completed', mode: 'answer' });
    const missing = await runCli(['ask', 'q?', '-c', 'nope'], { QUARRY_URL: t.url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('quarry: knowledge base "nope" does not exist');
  });

  it('exits non-zero with a clear message when Quarry is not reachable', async () => {
    const res = await runCli(['ask', 'q?', '-c', kb], { QUARRY_URL: 'http://127.0.0.1:9' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Quarry is not reachable at http://127.0.0.1:9');
  });
});
