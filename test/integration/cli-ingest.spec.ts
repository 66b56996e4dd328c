import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const cli = join(__dirname, '..', '..', 'bin', 'quarry.js');

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('`quarry ingest` against a running Quarry', () => {
  let t: TestApp;
  const kb = `cli-${randomUUID().slice(0, 8)}`;
  const folder = mkdtempSync(join(tmpdir(), 'quarry-ingest-'));
  beforeAll(async () => {
    t = await startTestApp();
    mkdirSync(join(folder, 'guide'));
    writeFileSync(
      join(folder, 'guide', 'intro.md'),
      '# 简介\n\nQuarry 把每一步智能体推理都作为持久的 Temporal 活动运行。',
    );
    writeFileSync(
      join(folder, 'notes.txt'),
      'Weaviate stores the chunks with their vectors for hybrid search.',
    );
    writeFileSync(join(folder, 'old.md'), '# Old\n\nThis file will be deleted before the sync.');
    writeFileSync(join(folder, 'image.png'), 'not really a png');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const sources = async () =>
    (
      (await call(t.url, 'GET', `/v1/collections/${kb}/documents`)).body.documents as {
        source: string;
      }[]
    )
      .map((d) => d.source)
      .sort();

  it('ingests a folder with a summary, creating the knowledge base, and skips unsupported files', async () => {
    const { code, out } = await run(['ingest', folder, '--collection', kb], { QUARRY_URL: t.url });
    expect(out).toContain(`created knowledge base "${kb}"`);
    expect(out).toMatch(
      /3 files \(3 indexed, 0 unchanged, 0 failed, 0 removed\) · \d+ pages · \d+ chunks · [\d.]+ s/,
    );
    expect(out).toContain('skipped 1 files of unsupported types');
    expect(code).toBe(0);
    expect(await sources()).toEqual(['guide/intro.md', 'notes.txt', 'old.md']);
  });

  it('--sync makes the knowledge base match the folder: adds, updates, removes', async () => {
    rmSync(join(folder, 'old.md'));
    writeFileSync(
      join(folder, 'notes.txt'),
      'Weaviate stores chunks and vectors; BM25 runs on jieba terms.',
    );
    writeFileSync(join(folder, 'guide', 'new.md'), '# New\n\nA new page about durable execution.');
    const { code, out } = await run(['ingest', '--sync', folder, '--collection', kb], {
      QUARRY_URL: t.url,
    });
    expect(out).toContain('sync: 2 new or changed, 1 unchanged, 1 to remove');
    expect(out).toMatch(/2 files \(2 indexed, 0 unchanged, 0 failed, 1 removed\)/);
    expect(code).toBe(0);
    expect(await sources()).toEqual(['guide/intro.md', 'guide/new.md', 'notes.txt']);
    const hits = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: 'jieba BM25',
      mode: 'keyword',
    });
    expect(hits.body.hits[0]).toMatchObject({ source: 'notes.txt' });
    const old = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: 'deleted before the sync',
      mode: 'keyword',
    });
    expect(old.body.hits.filter((h: { source: string }) => h.source === 'old.md')).toEqual([]);
  });

  it('exits non-zero with a clear message when Quarry is not reachable', async () => {
    const { code, out } = await run(['ingest', folder, '--collection', kb], {
      QUARRY_URL: 'http://127.0.0.1:9',
    });
    expect(code).toBe(1);
    expect(out).toContain('Quarry is not reachable at http://127.0.0.1:9');
    expect(out).not.toMatch(/\n\s+at /);
  });
});
