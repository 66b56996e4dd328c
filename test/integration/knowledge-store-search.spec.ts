import { createHash, randomUUID } from 'node:crypto';
import type { WeaviateClient } from 'weaviate-client';
import { loadConfig } from '../../src/config/config';
import { KnowledgeStore, type DocumentInput, type SearchRequest } from '../../src/knowledge/store';
import type { Chunk } from '../../src/knowledge/types';
import { connectWeaviate } from '../../src/knowledge/weaviate.service';

const MODEL = 'fake-embedder';
const DIMS = 8;
const KB = { name: 'kb', embeddingModel: MODEL, dimensions: DIMS, chunkSize: 200, chunkOverlap: 0 };

interface Part {
  text: string;
  vector: number[];
  page?: number | null;
  metadata?: Record<string, string>;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const newTenant = () => `t-${randomUUID()}`;
/** A unit-ish vector pointing mostly along one axis, with a little of a second. */
const axis = (main: number, other = (main + 1) % DIMS, mix = 0) =>
  Array.from({ length: DIMS }, (_, i) => (i === main ? 1 : i === other ? mix : 0.01));

describe('KnowledgeStore search', () => {
  let client: WeaviateClient;
  let store: KnowledgeStore;

  async function ingest(tenant: string, source: string, parts: Part[]): Promise<string[]> {
    const chunks: Chunk[] = parts.map((p, position) => ({
      text: p.text,
      source,
      title: source,
      headingPath: ['Intro'],
      page: p.page === undefined ? null : p.page,
      position,
      contentHash: sha(p.text),
      metadata: p.metadata ?? {},
    }));
    const doc: DocumentInput = {
      source,
      docHash: sha(parts.map((p) => p.text).join()),
      title: source,
      format: 'text',
      pageCount: 1,
      bytes: 1,
      metadata: {},
      embeddingModel: MODEL,
    };
    const vectors = parts.map((p) => p.vector);
    return (await store.upsertDocumentChunks(tenant, 'kb', doc, chunks, vectors)).chunkIds;
  }

  const ids = async (tenant: string, request: SearchRequest) =>
    (await store.search(tenant, 'kb', request)).hits.map((h) => h.id);

  beforeAll(async () => {
    client = await connectWeaviate(loadConfig(process.env).weaviate);
    store = new KnowledgeStore(client);
  });
  afterAll(async () => client?.close());

  it('finds a Chinese chunk by a two-character query and an English one by a word', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const [zh, en] = await ingest(tenant, 'mixed.md', [
      { text: '南瓜书是西瓜书的公式推导解析', vector: axis(0) },
      { text: 'Reinforcement learning agents maximise their cumulative rewards.', vector: axis(1) },
      { text: '强化学习的智能体与环境交互', vector: axis(2) },
    ]);
    const zhHits = (await store.search(tenant, 'kb', { query: '瓜书', mode: 'keyword' })).hits;
    expect(zhHits.map((h) => h.id)).toEqual([zh]);
    expect(zhHits[0]).toMatchObject({ source: 'mixed.md', headingPath: ['Intro'], position: 0 });
    expect(zhHits[0].keywordScore).toBeGreaterThan(0);
    expect(await ids(tenant, { query: 'Rewards?', mode: 'keyword' })).toEqual([en]);
    expect(await ids(tenant, { query: '的，。', mode: 'keyword' })).toEqual([]);
  });

  it('hybrid with alpha 0 ranks like keyword search and with alpha 1 like vector search', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    await ingest(tenant, 'fruit.txt', [
      { text: 'apple banana', vector: axis(0, 1, 0.2) },
      { text: 'apple apple cherry', vector: axis(0, 2, 0.5) },
      { text: 'banana cherry date', vector: axis(2, 3, 0.3) },
      { text: 'apple date elderberry fig', vector: axis(3, 2, 0.7) },
      { text: 'grape kiwi', vector: axis(4) },
    ]);
    const queryVector = axis(2, 3, 0.6);
    const base = { query: 'apple cherry', queryVector };
    const keyword = await ids(tenant, { ...base, mode: 'keyword' });
    const vector = await ids(tenant, { ...base, mode: 'vector' });
    expect(keyword).toHaveLength(4);
    expect(vector).toHaveLength(5);
    expect(keyword).not.toEqual(vector.slice(0, 4));
    for (const fusion of ['relative', 'ranked'] as const) {
      expect(await ids(tenant, { ...base, mode: 'hybrid', alpha: 0, fusion })).toEqual(keyword);
      const pureVector = await ids(tenant, { ...base, mode: 'hybrid', alpha: 1, fusion });
      expect(pureVector).toEqual(vector.slice(0, pureVector.length));
    }
    const hybrid = (await store.search(tenant, 'kb', { ...base, mode: 'hybrid', limit: 3 })).hits;
    expect(hybrid).toHaveLength(3);
    expect(hybrid[0].score).toBeGreaterThanOrEqual(hybrid[1].score);
    const both = hybrid.find((h) => h.keywordScore !== undefined && h.vectorDistance !== undefined);
    expect(both?.vectorDistance).toBeGreaterThanOrEqual(0);
  });

  it('filters by source and by metadata, and round-trips page null', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const [a0, a1] = await ingest(tenant, 'a.pdf', [
      { text: 'gradient descent on page zero', vector: axis(0), page: 0, metadata: { lang: 'en' } },
      { text: 'gradient descent again', vector: axis(1), page: 7, metadata: { lang: 'zh' } },
    ]);
    const [b0] = await ingest(tenant, 'b.md', [
      { text: 'gradient boosting', vector: axis(2), metadata: { lang: 'en', kind: 'note' } },
    ]);
    const query = { query: 'gradient', queryVector: axis(0) };
    const bySource = await ids(tenant, {
      ...query,
      mode: 'hybrid',
      filters: { sources: ['a.pdf'] },
    });
    expect(new Set(bySource)).toEqual(new Set([a0, a1]));
    const byMeta = await ids(tenant, {
      ...query,
      mode: 'vector',
      filters: { metadata: { lang: 'en' } },
    });
    expect(new Set(byMeta)).toEqual(new Set([a0, b0]));
    const byBoth = await ids(tenant, {
      ...query,
      mode: 'keyword',
      filters: { sources: ['a.pdf', 'b.md'], metadata: { lang: 'en', kind: 'note' } },
    });
    expect(byBoth).toEqual([b0]);

    const hits = (await store.search(tenant, 'kb', { ...query, mode: 'keyword' })).hits;
    const page = new Map(hits.map((h) => [h.id, h.page]));
    expect(page).toEqual(
      new Map([
        [a0, 0],
        [a1, 7],
        [b0, null],
      ]),
    );
    expect(hits.find((h) => h.id === b0)?.metadata).toEqual({ lang: 'en', kind: 'note' });
  });

  it('never returns another tenant’s chunks, even with the same knowledge-base name and text', async () => {
    const [alice, bob] = [newTenant(), newTenant()];
    await store.createKnowledgeBase(alice, KB);
    await store.createKnowledgeBase(bob, KB);
    const shared: Part[] = [{ text: 'quarterly revenue report', vector: axis(0) }];
    const aliceIds = await ingest(alice, 'report.txt', shared);
    const bobIds = await ingest(bob, 'report.txt', [
      ...shared,
      { text: 'secret merger plans with revenue', vector: axis(0, 1, 0.1) },
    ]);
    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      const request = { query: 'revenue secret merger', queryVector: axis(0), mode, limit: 100 };
      const seen = await ids(alice, request);
      expect(seen).toEqual(aliceIds);
      expect(seen.some((id) => bobIds.includes(id))).toBe(false);
      expect(new Set(await ids(bob, request))).toEqual(new Set(bobIds));
    }
    expect(await ids(alice, { query: 'merger', mode: 'keyword' })).toEqual([]);
  });

  it('searches the knowledge base made again by another process, never the one it remembers', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const [before] = await ingest(tenant, 'notes.txt', [
      { text: 'harvest schedule', vector: axis(0) },
    ]);
    const request = { query: 'harvest', queryVector: axis(0), mode: 'hybrid' as const };
    expect(await ids(tenant, request)).toEqual([before]);
    // Another API process deletes the base and makes it again under the same name.
    const other = new KnowledgeStore(client);
    expect(await other.deleteKnowledgeBase(tenant, 'kb')).toBe(true);
    await other.createKnowledgeBase(tenant, KB);
    const [after] = await ingest(tenant, 'notes.txt', [
      { text: 'harvest schedule, revised', vector: axis(0) },
    ]);
    expect(await ids(tenant, request)).toEqual([after]);
    expect(await other.deleteKnowledgeBase(tenant, 'kb')).toBe(true);
    await expect(store.search(tenant, 'kb', request)).rejects.toMatchObject({ status: 404 });
  });

  it('rejects bad search options', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const bad: SearchRequest[] = [
      { query: 'x', mode: 'hybrid' },
      { query: 'x', mode: 'keyword', limit: 101 },
      { query: 'x', mode: 'keyword', alpha: 2 },
    ];
    for (const request of bad) {
      await expect(store.search(tenant, 'kb', request)).rejects.toMatchObject({ status: 400 });
    }
    await expect(
      store.search(tenant, 'nope', { query: 'x', mode: 'keyword' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});
