import { createHash, randomUUID } from 'node:crypto';
import type { WeaviateClient } from 'weaviate-client';
import { loadConfig } from '../../src/config/config';
import {
  chunkCollectionName,
  EmbeddingModelMismatchError,
  KnowledgeBaseExistsError,
  KnowledgeBaseNotFoundError,
  KnowledgeStore,
  type DocumentInput,
  type KnowledgeBaseInput,
} from '../../src/knowledge/store';
import type { Chunk } from '../../src/knowledge/types';
import { connectWeaviate } from '../../src/knowledge/weaviate.service';

const MODEL = 'fake-embedder';
const DIMS = 8;
const KB: KnowledgeBaseInput = {
  name: 'papers',
  embeddingModel: MODEL,
  dimensions: DIMS,
  chunkSize: 200,
  chunkOverlap: 20,
};

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const newTenant = () => `t-${randomUUID()}`;
/** Deterministic stand-in for an embedder: 8 numbers from the text's hash. */
const fakeVector = (text: string) =>
  [...createHash('sha256').update(text).digest().subarray(0, DIMS)].map((b) => b / 255 + 0.01);

function chunks(source: string, texts: string[]): Chunk[] {
  return texts.map((text, position) => ({
    text,
    source,
    title: source,
    headingPath: [],
    page: null,
    position,
    contentHash: sha(text),
    metadata: {},
  }));
}

function doc(source: string, parts: Chunk[]): DocumentInput {
  const docHash = sha(parts.map((c) => c.text).join('\n'));
  return {
    source,
    docHash,
    title: source,
    format: 'text',
    pageCount: 1,
    bytes: 100,
    metadata: {},
    embeddingModel: MODEL,
  };
}

describe('KnowledgeStore on Weaviate', () => {
  let client: WeaviateClient;
  let store: KnowledgeStore;

  const ingest = (tenant: string, kb: string, source: string, texts: string[]) => {
    const parts = chunks(source, texts);
    return store.upsertDocumentChunks(
      tenant,
      kb,
      doc(source, parts),
      parts,
      parts.map((c) => fakeVector(c.text)),
    );
  };

  beforeAll(async () => {
    client = await connectWeaviate(loadConfig(process.env).weaviate);
    store = new KnowledgeStore(client);
  });
  afterAll(async () => client?.close());

  it('creates, lists, describes and deletes knowledge bases; a duplicate create is a conflict', async () => {
    const tenant = newTenant();
    expect(await store.listKnowledgeBases(tenant)).toEqual([]);
    const created = await store.createKnowledgeBase(tenant, { ...KB, description: 'ML papers' });
    expect(created).toMatchObject({
      name: 'papers',
      embeddingModel: MODEL,
      dimensions: DIMS,
      lastSyncAt: null,
    });
    await store.createKnowledgeBase(tenant, { ...KB, name: 'notes' });
    await expect(store.createKnowledgeBase(tenant, KB)).rejects.toBeInstanceOf(
      KnowledgeBaseExistsError,
    );
    expect((await store.listKnowledgeBases(tenant)).map((k) => k.name)).toEqual([
      'notes',
      'papers',
    ]);

    await ingest(tenant, 'papers', 'a.txt', ['alpha one', 'alpha two']);
    await store.recordFailedDocument(tenant, 'papers', 'broken.pdf', 'no extractable text');
    await store.touchSync(tenant, 'papers');
    const described = await store.describeKnowledgeBase(tenant, 'papers');
    expect(described).toMatchObject({
      description: 'ML papers',
      documents: { total: 2, indexed: 1, failed: 1 },
      chunks: 2,
      sourceBytes: 100,
      textBytes: Buffer.byteLength('alpha onealpha two'),
      embeddingModel: MODEL,
    });
    expect(described.lastSyncAt).not.toBeNull();
    expect(await store.documentHashes(tenant, 'papers')).toEqual(
      new Map([
        ['a.txt', doc('a.txt', chunks('a.txt', ['alpha one', 'alpha two'])).docHash],
        ['broken.pdf', ''],
      ]),
    );

    const some = await store.documentHashes(tenant, 'papers', ['broken.pdf', 'missing.txt']);
    expect(some).toEqual(new Map([['broken.pdf', '']]));

    const key = await store.dataTenant(tenant, 'papers');
    expect(key).toMatch(/_g[0-9a-f]{32}$/);
    expect(await store.deleteKnowledgeBase(tenant, 'papers')).toBe(true);
    expect(await store.getKnowledgeBase(tenant, 'papers')).toBeNull();
    await expect(store.describeKnowledgeBase(tenant, 'papers')).rejects.toBeInstanceOf(
      KnowledgeBaseNotFoundError,
    );
    expect(await store.deleteKnowledgeBase(tenant, 'papers')).toBe(false);
    // Nothing left behind: the knowledge base's tenants are gone from every collection.
    for (const name of ['QuarryDocument', chunkCollectionName(MODEL, DIMS)]) {
      expect(await client.collections.use(name).tenants.getByName(key!)).toBeNull();
    }
    expect((await store.listKnowledgeBases(tenant)).map((k) => k.name)).toEqual(['notes']);
  });

  it('stores nothing new when the same document is ingested again', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const first = await ingest(tenant, 'papers', 'a.txt', ['one', 'two', 'three']);
    expect(first).toMatchObject({ inserted: 3, deleted: 0 });
    const again = await ingest(tenant, 'papers', 'a.txt', ['one', 'two', 'three']);
    expect(again).toEqual({ ...first, inserted: 0 });
    expect((await store.describeKnowledgeBase(tenant, 'papers')).chunks).toBe(3);
  });

  it('replaces exactly the changed document’s chunks and deletes a document completely', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    await ingest(tenant, 'papers', 'a.txt', ['a0', 'a1', 'a2']);
    await ingest(tenant, 'papers', 'b.txt', ['b0', 'b1']);
    const bIds = await store.chunkIdsForSource(tenant, 'papers', 'b.txt');

    const changed = await ingest(tenant, 'papers', 'a.txt', ['a0', 'a1 changed', 'a2', 'a3']);
    expect(changed).toMatchObject({ inserted: 2, deleted: 1 });
    expect(new Set(await store.chunkIdsForSource(tenant, 'papers', 'a.txt'))).toEqual(
      new Set(changed.chunkIds),
    );
    expect(await store.chunkIdsForSource(tenant, 'papers', 'b.txt')).toEqual(bIds);
    expect((await store.describeKnowledgeBase(tenant, 'papers')).chunks).toBe(6);
    expect(await store.getDocument(tenant, 'papers', 'a.txt')).toMatchObject({
      chunkCount: 4,
      status: 'indexed',
    });

    expect(await store.deleteDocument(tenant, 'papers', 'a.txt')).toBe(true);
    expect(await store.chunkIdsForSource(tenant, 'papers', 'a.txt')).toEqual([]);
    expect(await store.getDocument(tenant, 'papers', 'a.txt')).toBeNull();
    expect(await store.chunkIdsForSource(tenant, 'papers', 'b.txt')).toEqual(bIds);
    expect(await store.deleteDocument(tenant, 'papers', 'a.txt')).toBe(false);
  });

  it('handles documents larger than one read page and one insert batch', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const texts = Array.from({ length: 2300 }, (_, i) => `chunk number ${i}`);
    expect(await ingest(tenant, 'papers', 'big.txt', texts)).toMatchObject({ inserted: 2300 });
    expect(await store.chunkIdsForSource(tenant, 'papers', 'big.txt')).toHaveLength(2300);
    expect((await ingest(tenant, 'papers', 'big.txt', texts)).inserted).toBe(0);
    const shorter = await ingest(tenant, 'papers', 'big.txt', texts.slice(0, 1200));
    expect(shorter).toMatchObject({ inserted: 0, deleted: 1100 });
    expect((await store.describeKnowledgeBase(tenant, 'papers')).chunks).toBe(1200);
    expect(await store.deleteDocument(tenant, 'papers', 'big.txt')).toBe(true);
    expect((await store.describeKnowledgeBase(tenant, 'papers')).chunks).toBe(0);
  });

  it('pages through documents with a cursor', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    for (const source of ['x.txt', 'y.txt', 'z.txt'])
      await ingest(tenant, 'papers', source, [source]);
    const first = await store.listDocuments(tenant, 'papers', { limit: 2 });
    expect(first.documents).toHaveLength(2);
    const second = await store.listDocuments(tenant, 'papers', {
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.nextCursor).toBeNull();
    const sources = [...first.documents, ...second.documents].map((d) => d.source).sort();
    expect(sources).toEqual(['x.txt', 'y.txt', 'z.txt']);
  });

  it('refuses vectors from another embedding model or of another length', async () => {
    const tenant = newTenant();
    await store.createKnowledgeBase(tenant, KB);
    const parts = chunks('a.txt', ['text']);
    const vectors = parts.map((c) => fakeVector(c.text));
    await expect(
      store.upsertDocumentChunks(
        tenant,
        'papers',
        { ...doc('a.txt', parts), embeddingModel: 'other' },
        parts,
        vectors,
      ),
    ).rejects.toBeInstanceOf(EmbeddingModelMismatchError);
    await expect(
      store.upsertDocumentChunks(tenant, 'papers', doc('a.txt', parts), parts, [[1, 2, 3]]),
    ).rejects.toBeInstanceOf(EmbeddingModelMismatchError);
    await expect(
      store.search(tenant, 'papers', { query: 'text', mode: 'vector', queryVector: [1, 2, 3] }),
    ).rejects.toBeInstanceOf(EmbeddingModelMismatchError);
    expect((await store.describeKnowledgeBase(tenant, 'papers')).chunks).toBe(0);
  });

  it('survives racing bootstraps and creates', async () => {
    const model = `race-${randomUUID()}`;
    const tenant = newTenant();
    const stores = [
      new KnowledgeStore(client),
      new KnowledgeStore(client),
      new KnowledgeStore(client),
    ];
    const results = await Promise.allSettled(
      stores.map((s) => s.createKnowledgeBase(tenant, { ...KB, embeddingModel: model })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(KnowledgeBaseExistsError);
    expect(await store.deleteKnowledgeBase(tenant, 'papers')).toBe(true);
    await client.collections.delete(chunkCollectionName(model, DIMS));
  });
});
