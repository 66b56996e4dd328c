import { createHash, randomUUID } from 'node:crypto';
import type { WeaviateClient } from 'weaviate-client';
import { loadConfig } from '../../src/config/config';
import {
  chunkCollectionName,
  KnowledgeBaseDeletedError,
  KnowledgeStore,
  type KnowledgeBaseInput,
} from '../../src/knowledge/store';
import type { Chunk } from '../../src/knowledge/types';
import { connectWeaviate } from '../../src/knowledge/weaviate.service';
import { Gate, gatedWeaviate } from '../support/gated-weaviate';

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
const vector = (text: string) =>
  [...createHash('sha256').update(text).digest().subarray(0, DIMS)].map((b) => b / 255 + 0.01);

function lateDocument(source: string, texts: string[]) {
  const chunks: Chunk[] = texts.map((text, position) => ({
    text,
    source,
    title: source,
    headingPath: [],
    page: null,
    position,
    contentHash: sha(text),
    metadata: {},
  }));
  const doc = {
    source,
    docHash: sha(texts.join('\n')),
    title: source,
    format: 'text' as const,
    pageCount: 1,
    bytes: 10,
    metadata: {},
    embeddingModel: MODEL,
  };
  return { doc, chunks, vectors: chunks.map((c) => vector(c.text)) };
}

// A knowledge base deleted while an upsert for it runs: the upsert used to make the tenants again
// and fill them, and a knowledge base created again under the name showed the old documents. The
// race is replayed in a fixed order: the upsert is held just before its first chunk write.
describe('deleting a knowledge base while documents are being written to it (real Weaviate)', () => {
  let client: WeaviateClient;
  let store: KnowledgeStore;

  beforeAll(async () => {
    client = await connectWeaviate(loadConfig(process.env).weaviate);
    store = new KnowledgeStore(client);
  });
  afterAll(async () => client?.close());

  /** An upsert through its own store (as the worker has), held at the gate; resolves once held. */
  async function heldUpsert(tenant: string) {
    const gate = new Gate();
    const writer = new KnowledgeStore(gatedWeaviate(client, gate));
    const { doc, chunks, vectors } = lateDocument('late.txt', [
      '晚到的一段',
      '另一段文字',
      '第三段',
    ]);
    const upsert = writer.upsertDocumentChunks(tenant, 'papers', doc, chunks, vectors);
    upsert.catch(() => undefined);
    await gate.reached;
    return { gate, upsert };
  }

  async function expectEmpty(tenant: string): Promise<void> {
    const described = await store.describeKnowledgeBase(tenant, 'papers');
    expect(described).toMatchObject({ documents: { total: 0 }, chunks: 0 });
    const { hits } = await store.search(tenant, 'papers', { query: '段', mode: 'keyword' });
    expect(hits).toEqual([]);
  }

  async function expectNoTenant(key: string): Promise<void> {
    for (const name of ['QuarryDocument', chunkCollectionName(MODEL, DIMS)]) {
      expect(await client.collections.use(name).tenants.getByName(key)).toBeNull();
    }
  }

  it('fails the late upsert as deleted and writes nothing; the name starts empty again', async () => {
    const tenant = `t-${randomUUID()}`;
    await store.createKnowledgeBase(tenant, KB);
    const oldTenant = (await store.dataTenant(tenant, 'papers'))!;
    const { gate, upsert } = await heldUpsert(tenant);

    expect(await store.deleteKnowledgeBase(tenant, 'papers')).toBe(true);
    gate.release();
    await expect(upsert).rejects.toBeInstanceOf(KnowledgeBaseDeletedError);
    await expect(upsert).rejects.toThrow('knowledge base "papers" was deleted');
    await expectNoTenant(oldTenant);

    await store.createKnowledgeBase(tenant, KB);
    await expectEmpty(tenant);
  });

  it('keeps a late upsert out of the knowledge base created again under the same name', async () => {
    const tenant = `t-${randomUUID()}`;
    await store.createKnowledgeBase(tenant, KB);
    const oldTenant = (await store.dataTenant(tenant, 'papers'))!;
    const { gate, upsert } = await heldUpsert(tenant);

    await store.deleteKnowledgeBase(tenant, 'papers');
    await store.createKnowledgeBase(tenant, KB);
    expect(await store.dataTenant(tenant, 'papers')).not.toBe(oldTenant);
    gate.release();
    await expect(upsert).rejects.toBeInstanceOf(KnowledgeBaseDeletedError);
    await expectEmpty(tenant);
    await expectNoTenant(oldTenant);
  });

  it('still heals a knowledge base whose create stopped before its chunk tenant was made', async () => {
    const tenant = `t-${randomUUID()}`;
    await store.createKnowledgeBase(tenant, KB);
    const key = (await store.dataTenant(tenant, 'papers'))!;
    await client.collections.use(chunkCollectionName(MODEL, DIMS)).tenants.remove([key]);
    const { doc, chunks, vectors } = lateDocument('a.txt', ['一', '二']);
    await expect(
      store.upsertDocumentChunks(tenant, 'papers', doc, chunks, vectors),
    ).resolves.toMatchObject({ inserted: 2 });
    expect((await store.describeKnowledgeBase(tenant, 'papers')).chunks).toBe(2);
  });
});
