import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { QuarryClient } from '../../src/cli/client/quarry-client';
import { evalCommand, type EvalOutput } from '../../src/cli/eval-command';
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

const QA = [
  {
    id: 'e-1',
    lang: 'zh',
    question: '混合检索结合了哪两种检索？',
    source: 'guide/search.md',
    page: null,
    keyphrases: ['BM25', '向量检索'],
    answerable: true,
    kind: 'list',
  },
  {
    id: 'e-2',
    lang: 'zh',
    question: '工作进程崩溃时工作流从哪里继续？',
    source: 'guide/durability.md',
    page: null,
    keyphrases: ['中断的那一步'],
    answerable: true,
    kind: 'fact',
  },
  {
    id: 'e-3',
    lang: 'zh',
    question: 'Quarry 的 frequency_penalty 参数默认是多少？',
    source: null,
    page: null,
    keyphrases: [],
    answerable: false,
    kind: 'none',
  },
];

describe('quarry eval through tasks answered by an OpenAI-compatible model (local test server)', () => {
  const server = new OpenAiTestServer();
  let t: TestApp;
  const kb = `eval-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'quarry-eval-'));

  beforeAll(async () => {
    t = await startTestApp({
      QUARRY_MODEL: 'openai:test-model',
      QUARRY_OPENAI_BASE_URL: await server.start(),
      QUARRY_OPENAI_API_KEY: 'sk-test',
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    const ingest = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: DOCS,
    });
    expect(ingest.body.progress.indexed).toBe(2);
    writeFileSync(join(dir, 'qa.jsonl'), QA.map((q) => JSON.stringify(q)).join('\n'));
  });
  afterAll(async () => {
    await t?.close();
    await server.stop();
  });

  it('writes per-item results, aggregates per kind for both settings, and a report of the misses', async () => {
    const before = server.requests.length;
    const printed = new PassThrough();
    let stdout = '';
    printed.on('data', (c: Buffer) => (stdout += c.toString()));
    const out: EvalOutput = await evalCommand(
      {
        qa: join(dir, 'qa.jsonl'),
        collection: kb,
        json: join(dir, 'out.json'),
        report: join(dir, 'report.md'),
        concurrency: 2,
      },
      new QuarryClient({ baseUrl: t.url }),
      printed,
    );
    // Every answer came from the model: grade, generate and the grounding check called the server
    // (the answer check's second search is spent only on a question of several parts).
    expect(server.requests.length - before).toBeGreaterThanOrEqual(2 * QA.length * 3);

    const written = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as EvalOutput;
    expect(written.items.map((i) => i.id)).toEqual(['e-1', 'e-2', 'e-3']);
    for (const i of written.items) {
      for (const r of [i.with_correction!, i.without_correction!]) {
        expect(r.error).toBeNull();
        expect(r.steps).toBe(r.path.length);
        expect(r.path[0]).toBe('retrieve');
        expect(r.path.at(-1)).toBe('finalize');
        expect(r.answer_step?.node).toBe(r.abstained ? 'finalize' : 'generate');
      }
      expect(typeof i.with_correction!.changed_by_correction).toBe('boolean');
    }
    const [list, , none] = written.items;
    expect(list.retrieval_rank).toBe(1);
    expect(
      [...list.with_correction!.keyphrases_hit, ...list.with_correction!.keyphrases_missed].sort(),
    ).toEqual(['BM25', '向量检索'].sort());
    // The test model would answer everything, but the question names a parameter no passage
    // mentions (frequency_penalty): the agent abstains before asking the model to write.
    expect(none.with_correction).toMatchObject({
      abstained: true,
      correct: true,
      cited_relevant: null,
    });

    expect(Object.keys(written.answers!.with_correction!.by_kind)).toEqual([
      'fact',
      'list',
      'none',
    ]);
    expect(written.answers!.without_correction!.by_kind.none?.abstention_rate).toBe(1);
    expect(written.answers!.with_correction!.by_kind.none?.keyphrase_recall).toBeNull();
    expect(written.retrieval.by_kind.list?.recall_at_1).toBe(1);

    // stdout carries the aggregates only; the per-item records go to the file.
    const printedJson = JSON.parse(stdout) as Partial<EvalOutput>;
    expect(printedJson.items).toBeUndefined();
    expect(printedJson.answers).toEqual(out.answers);

    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('### Answers by kind of question');
    expect(report).toContain('| none | with | 1 | n/a | 1.000 |');
    expect(report).not.toContain('expected an abstention, got an answer');
  }, 180_000);
});
