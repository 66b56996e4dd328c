import { randomUUID } from 'node:crypto';
import type { WeaviateClient } from 'weaviate-client';
import { BertTokenizer } from '../../src/knowledge/embeddings';
import { chunkCollectionName, KnowledgeStore } from '../../src/knowledge/store';
import { connectWeaviate } from '../../src/knowledge/weaviate.service';
import { findEmbeddingModelFiles } from '../../src/stack/provision';
import { call } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

// bge-small-zh-v1.5 reads 512 tokens and silently drops the rest, while chunk sizes were counted
// in characters up to 4000. Now a knowledge base on the local model takes at most 510 characters
// a chunk, and a chunk with more tokens than that (Hangul: 15 characters made 37 tokens) is split
// before it is embedded.
describe('chunks fit the local embedding model’s 512-token window (real stack)', () => {
  let t: TestApp;
  let weaviate: WeaviateClient;
  const kb = `win-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp();
    weaviate = await connectWeaviate(t.config.weaviate);
  });
  afterAll(async () => {
    await weaviate?.close();
    await t?.close();
  });

  it('refuses a chunk size the model cannot embed whole, naming the limit', async () => {
    const res = await call(t.url, 'POST', '/v1/collections', { name: kb, chunkSize: 4000 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('chunkSize 4000 is more than bge-small-zh-v1.5');
    expect(res.body.error.message).toContain('at most 510 characters');
  });

  it('stores no chunk longer than the window, even in a script of several tokens a character', async () => {
    const created = await call(t.url, 'POST', '/v1/collections', {
      name: kb,
      chunkSize: 510,
      chunkOverlap: 40,
    });
    expect(created.status).toBe(201);
    const text = `${'한국어는 매우 아름다운 언어입니다. '.repeat(170)}\n\n${'机器学习是人工智能的一个分支'.repeat(100)}`;
    const res = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: [{ source: 'window.txt', text }],
    });
    expect(res.body).toMatchObject({ status: 'completed', progress: { indexed: 1 } });

    const files = await findEmbeddingModelFiles(t.config.tools.embeddingModelDir!);
    if ('missing' in files) throw new Error(`model files: ${files.missing}`);
    const tokenizer = await BertTokenizer.fromFile(files.tokenizer, 512, { lowercase: true });
    const dataTenant = await new KnowledgeStore(weaviate).dataTenant('local', kb);
    const chunks = weaviate.collections
      .use(chunkCollectionName('bge-small-zh-v1.5', 512))
      .withTenant(dataTenant!);
    const counts: number[] = [];
    for await (const chunk of chunks.iterator({ returnProperties: ['text'] })) {
      const text = chunk.properties.text;
      counts.push(tokenizer.countTokens(typeof text === 'string' ? text : ''));
    }
    expect(counts.length).toBeGreaterThan(10);
    expect(Math.max(...counts)).toBeLessThanOrEqual(512);
  }, 300_000);
});
