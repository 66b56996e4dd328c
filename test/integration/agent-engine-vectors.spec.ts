import { createHash, randomUUID } from 'node:crypto';
import {
  engineTextsOf,
  engineVectorsTag,
  textKey,
  unpackEngineVectors,
} from '../../src/agent/extractive/engine-vectors';
import { EmbedderRegistry } from '../../src/knowledge/embedder-registry';
import { KnowledgeService } from '../../src/knowledge/knowledge.service';
import { KnowledgeStore } from '../../src/knowledge/store';
import type { Chunk } from '../../src/knowledge/types';
import type { AskAnswer } from '../../workflows/contract/results';
import { call } from '../support/http';
import { until } from '../support/poll';
import { HYBRID_DOC, seedKnowledgeBase } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

const QUESTION = '混合检索的 alpha 参数有什么作用？';

/** The engine's vector counts so far, by source, from the process's /metrics. */
async function vectorCounts(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = { stored: 0, cached: 0, computed: 0 };
  for (const m of text.matchAll(/^quarry_engine_vectors_total\{source="(\w+)"\} (\S+)$/gm))
    out[m[1]] = Number(m[2]);
  return out;
}

async function ask(url: string, collection: string): Promise<AskAnswer> {
  const created = await call(url, 'POST', '/v1/tasks', { question: QUESTION, collection });
  expect(created.status).toBe(202);
  const done = await until(
    () => call(url, 'GET', `/v1/tasks/${created.body.id}`),
    (r) => !['queued', 'running'].includes(r.body.status),
    `task ${created.body.id} finishes`,
  );
  expect(done.body.status).toBe('completed');
  return done.body.result as AskAnswer;
}

describe("the extractive engine's vectors, stored at ingestion (real Weaviate and Temporal)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('ingestion stores, with each chunk, a vector for every text the engine embeds for it', async () => {
    const kb = `vectors-${randomUUID().slice(0, 8)}`;
    await seedKnowledgeBase(t.url, kb, [HYBRID_DOC]);
    const hits = (await call(t.url, 'POST', `/v1/collections/${kb}/search`, { query: 'alpha' }))
      .body.hits as { id: string }[];
    expect(hits.length).toBeGreaterThan(0);
    const bodies = await t.app.get(KnowledgeService).chunkBodies(
      'local',
      kb,
      hits.map((h) => h.id),
    );
    for (const body of bodies.values()) {
      expect(body.engineVectors?.tag).toBe(engineVectorsTag('bge-small-zh-v1.5'));
      const vectors = unpackEngineVectors(body.engineVectors, 'bge-small-zh-v1.5');
      const texts = engineTextsOf(body);
      expect(texts.length).toBeGreaterThan(1);
      expect([...vectors.keys()].sort()).toEqual(texts.map(textKey).sort());
      expect([...vectors.values()].every((v) => v.length === 512)).toBe(true);
    }

    const before = await vectorCounts(t.url);
    const answer = await ask(t.url, kb);
    const after = await vectorCounts(t.url);
    expect(answer.citations[0].source).toBe('hybrid.md');
    expect(after.stored).toBeGreaterThan(before.stored);
    expect(after.computed).toBe(before.computed);
  });

  it('a chunk stored without them (ingested before) is embedded once, then kept', async () => {
    const kb = `old-chunks-${randomUUID().slice(0, 8)}`;
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    const embedder = t.app.get(EmbedderRegistry).default();
    const text = HYBRID_DOC.text.split('\n\n')[1];
    const chunk: Chunk = {
      text,
      source: HYBRID_DOC.source,
      title: '混合检索',
      headingPath: ['混合检索'],
      page: null,
      position: 0,
      contentHash: createHash('sha256').update(text).digest('hex'),
      metadata: {},
    };
    await t.app.get(KnowledgeStore).upsertDocumentChunks(
      'local',
      kb,
      {
        source: chunk.source,
        docHash: chunk.contentHash,
        title: chunk.title,
        format: 'markdown',
        pageCount: 0,
        bytes: text.length,
        metadata: {},
        embeddingModel: embedder.modelId,
      },
      [chunk],
      await embedder.embedDocuments([text]),
    );

    const before = await vectorCounts(t.url);
    const first = await ask(t.url, kb);
    const middle = await vectorCounts(t.url);
    const second = await ask(t.url, kb);
    const after = await vectorCounts(t.url);
    expect(middle.computed).toBeGreaterThan(before.computed);
    expect(middle.stored).toBe(before.stored);
    expect(after.computed).toBe(middle.computed);
    expect(after.cached).toBeGreaterThan(middle.cached);
    expect(second.answer).toEqual(first.answer);
    expect(first.citations[0].source).toBe('hybrid.md');
  });
});
