import { randomUUID } from 'node:crypto';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const doc = (source: string, text: string, metadata?: Record<string, string>) => ({
  source,
  text,
  metadata,
});

const ML_ZH =
  '# 机器学习\n\n机器学习是人工智能的一个分支。它研究计算机怎样从数据中学习规律，并用学到的模型对未知数据做出预测。' +
  '泛化能力是衡量模型好坏的关键：模型在没见过的样本上也要表现良好。';
const COOKING_EN =
  '# Cooking\n\nA good risotto needs patience. Stir the rice slowly and add warm stock one ladle at a time until it is creamy.';

describe('knowledge bases over HTTP (real Weaviate, real ingestion workflow)', () => {
  let t: TestApp;
  const kb = `kb-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('creates, lists and describes a knowledge base; rejects duplicates and bad names', async () => {
    const created = await call(t.url, 'POST', '/v1/collections', {
      name: kb,
      chunkSize: 300,
      chunkOverlap: 40,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: kb,
      embeddingModel: 'bge-small-zh-v1.5',
      dimensions: 512,
      chunkSize: 300,
    });

    expect((await call(t.url, 'POST', '/v1/collections', { name: kb })).status).toBe(409);
    const bad = await call(t.url, 'POST', '/v1/collections', { name: 'Bad Name!', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('name must be 1-48 characters');
    expect(bad.body.error.message).toContain('property extra should not exist');

    const list = await call(t.url, 'GET', '/v1/collections');
    expect(list.body.collections.map((c: { name: string }) => c.name)).toContain(kb);
    const described = await call(t.url, 'GET', `/v1/collections/${kb}`);
    expect(described.body).toMatchObject({ name: kb, chunks: 0, documents: { total: 0 } });
  });

  it('ingests JSON documents durably and finds them by keyword, vector and hybrid search', async () => {
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [
        doc('notes/ml.md', ML_ZH, { lang: 'zh' }),
        doc('notes/cooking.md', COOKING_EN, { lang: 'en' }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.progress).toMatchObject({ state: 'completed', indexed: 2, failed: 0 });
    expect(res.body.progress.chunks).toBeGreaterThanOrEqual(2);

    for (const mode of ['keyword', 'vector', 'hybrid']) {
      const found = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
        query: '什么是泛化能力',
        mode,
      });
      expect(found.status).toBe(200);
      expect(found.body.hits[0].source).toBe('notes/ml.md');
      expect(found.body.hits[0].headingPath).toEqual(['机器学习']);
      expect(typeof found.body.hits[0].score).toBe('number');
      // The phrase reranker runs by default and shows both of its inputs.
      expect(found.body.rerank).toBe(true);
      expect(found.body.hits[0].phraseScore).toBeGreaterThan(0);
      expect(typeof found.body.hits[0].firstStageScore).toBe('number');
      // Only hybrid search gives a Chinese question's glosses a vector search of their own.
      if (mode === 'hybrid') expect(found.body.glossQuery).toMatch(/[a-z]/);
      else expect(found.body.glossQuery).toBeUndefined();
      expect(found.body.timings.embedMs).toBeGreaterThanOrEqual(0);
      expect(found.body.timings.searchMs).toBeGreaterThanOrEqual(0);
    }
    const plain = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: '什么是泛化能力',
      rerank: false,
    });
    expect(plain.body.rerank).toBe(false);
    expect(plain.body.hits[0].phraseScore).toBeUndefined();
    expect(plain.body.timings.rerankMs).toBe(0);
    // Cross-lingual: an English question finds the Chinese passage through the vector side.
    const en = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: 'what is machine learning',
      mode: 'vector',
    });
    expect(en.body.hits[0].source).toBe('notes/ml.md');
    expect(en.body.glossQuery).toBeUndefined();

    const filtered = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: '模型',
      metadata: { lang: 'en' },
    });
    expect(
      filtered.body.hits.every((h: { source: string }) => h.source === 'notes/cooking.md'),
    ).toBe(true);
  });

  it('stores nothing new for the same content, and replaces exactly a changed document’s chunks', async () => {
    const before = (await call(t.url, 'GET', `/v1/collections/${kb}`)).body.chunks as number;
    const again = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [doc('notes/ml.md', ML_ZH, { lang: 'zh' })],
    });
    expect(again.body.progress).toMatchObject({ unchanged: 1, indexed: 0 });
    expect((await call(t.url, 'GET', `/v1/collections/${kb}`)).body.chunks).toBe(before);

    const changed = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [doc('notes/cooking.md', `${COOKING_EN}\n\nServe with parmesan.`, { lang: 'en' })],
    });
    expect(changed.body.progress).toMatchObject({ indexed: 1 });
    const hits = (
      await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
        query: 'risotto parmesan',
        mode: 'keyword',
      })
    ).body.hits as { source: string; text: string }[];
    expect(
      hits.filter((h) => h.source === 'notes/cooking.md').some((h) => h.text.includes('parmesan')),
    ).toBe(true);
    expect(
      hits
        .filter((h) => h.source === 'notes/cooking.md')
        .some((h) => !h.text.includes('parmesan') && h.text.endsWith('creamy.')),
    ).toBe(false);
    const ml = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: '泛化',
      mode: 'keyword',
    });
    expect(ml.body.hits[0].source).toBe('notes/ml.md');
  });

  it('uploads several files at once; a bad file fails alone with its reason', async () => {
    const form = new FormData();
    form.append(
      'files',
      new Blob(['# Upload\n\nUploaded markdown about vector databases.']),
      'up/a.md',
    );
    form.append('files', new Blob(['']), 'up/empty.txt');
    form.append(
      'files',
      new Blob(['plain text about Temporal workflows and durable execution']),
      'up/b.txt',
    );
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, form);
    expect(res.status).toBe(200);
    expect(res.body.progress).toMatchObject({ indexed: 2, failed: 1 });
    expect(res.body.progress.failures).toEqual([
      { source: 'up/empty.txt', error: expect.stringMatching(/empty/i) },
    ]);

    const docs = await call(t.url, 'GET', `/v1/collections/${kb}/documents`);
    const empty = docs.body.documents.find((d: { source: string }) => d.source === 'up/empty.txt');
    expect(empty).toMatchObject({ status: 'failed', chunkCount: 0 });
  });

  it('answers 415 naming an unsupported type and stores nothing', async () => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])]), 'tool.exe');
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents`, form);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('tool.exe');
    const docs = await call(t.url, 'GET', `/v1/collections/${kb}/documents`);
    expect(docs.body.documents.map((d: { source: string }) => d.source)).not.toContain('tool.exe');
  });

  it('deletes a document with all its chunks, then the knowledge base', async () => {
    const del = await call(
      t.url,
      'DELETE',
      `/v1/collections/${kb}/documents?source=${encodeURIComponent('notes/ml.md')}`,
    );
    expect(del.status).toBe(204);
    const ml = await call(t.url, 'POST', `/v1/collections/${kb}/search`, {
      query: '泛化能力',
      mode: 'keyword',
    });
    expect(ml.body.hits.filter((h: { source: string }) => h.source === 'notes/ml.md')).toEqual([]);
    expect((await call(t.url, 'DELETE', `/v1/collections/${kb}`)).status).toBe(204);
    expect((await call(t.url, 'GET', `/v1/collections/${kb}`)).status).toBe(404);
    expect((await call(t.url, 'POST', `/v1/collections/${kb}/search`, { query: 'x' })).status).toBe(
      404,
    );
  });
});

describe('upload limits and tenants', () => {
  it('answers 413 naming the limit for a file over QUARRY_MAX_UPLOAD_MB', async () => {
    const t = await startTestApp({ QUARRY_MAX_UPLOAD_MB: '0.01', QUARRY_EMBEDDED_WORKER: 'false' });
    try {
      const name = `lim-${randomUUID().slice(0, 8)}`;
      await call(t.url, 'POST', '/v1/collections', { name });
      const form = new FormData();
      form.append('files', new Blob(['x'.repeat(20_000)]), 'big.txt');
      const res = await call(t.url, 'POST', `/v1/collections/${name}/documents`, form);
      expect(res.status).toBe(413);
      expect(res.body.error.message).toMatch(/0\.01 MB \(QUARRY_MAX_UPLOAD_MB\)/);
      await call(t.url, 'DELETE', `/v1/collections/${name}`);
    } finally {
      await t.close();
    }
  });

  it('keeps each tenant’s knowledge bases and search results to itself', async () => {
    const keyA = `a-${randomUUID()}`;
    const keyB = `b-${randomUUID()}`;
    const t = await startTestApp({ QUARRY_API_KEYS: `alpha:${keyA},beta:${keyB}` });
    const A = { authorization: `Bearer ${keyA}` };
    const B = { authorization: `Bearer ${keyB}` };
    try {
      expect((await call(t.url, 'GET', '/v1/collections')).status).toBe(401);
      expect(
        (
          await call(t.url, 'GET', '/v1/collections', undefined, {
            authorization: 'Bearer wrong-key-123456',
          })
        ).status,
      ).toBe(401);
      const name = 'shared-name';
      expect((await call(t.url, 'POST', '/v1/collections', { name }, A)).status).toBe(201);
      await call(
        t.url,
        'POST',
        `/v1/collections/${name}/documents?wait=true`,
        { documents: [doc('secret.md', '阿尔法团队的机密：项目代号青龙。')] },
        A,
      );
      expect((await call(t.url, 'GET', `/v1/collections/${name}`, undefined, B)).status).toBe(404);
      expect(
        (await call(t.url, 'POST', `/v1/collections/${name}/search`, { query: '青龙' }, B)).status,
      ).toBe(404);
      expect((await call(t.url, 'POST', '/v1/collections', { name }, B)).status).toBe(201);
      const searchB = await call(
        t.url,
        'POST',
        `/v1/collections/${name}/search`,
        { query: '青龙 机密' },
        B,
      );
      expect(searchB.body.hits).toEqual([]);
      const searchA = await call(
        t.url,
        'POST',
        `/v1/collections/${name}/search`,
        { query: '青龙 机密' },
        A,
      );
      expect(searchA.body.hits[0].source).toBe('secret.md');
      await call(t.url, 'DELETE', `/v1/collections/${name}`, undefined, A);
      await call(t.url, 'DELETE', `/v1/collections/${name}`, undefined, B);
    } finally {
      await t.close();
    }
  });
});
