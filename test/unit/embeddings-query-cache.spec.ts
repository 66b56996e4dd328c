import { CachedQueryEmbedder, LruCache, createEmbedder } from '../../src/knowledge/embeddings';
import type { Embedder } from '../../src/knowledge/types';

/** Counts calls; a query's vector is [its length, call number]. */
class CountingEmbedder implements Embedder {
  readonly modelId = 'counting';
  readonly dimensions = 2;
  queryCalls: string[] = [];
  failNext = false;

  embedDocuments(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((t) => [t.length, 0]));
  }

  async embedQuery(text: string): Promise<number[]> {
    const call = this.queryCalls.push(text);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('provider down');
    }
    return [text.length, call];
  }
}

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
});

describe('CachedQueryEmbedder', () => {
  it('embeds a repeated query once and hands out copies', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedQueryEmbedder(inner);
    const first = await cached.embedQuery('什么是 RAG？');
    first[0] = 999;
    expect(await cached.embedQuery('什么是 RAG？')).toEqual([8, 1]);
    expect(inner.queryCalls).toEqual(['什么是 RAG？']);
    expect(cached.modelId).toBe('counting');
    expect(cached.dimensions).toBe(2);
  });

  it('shares one call between concurrent identical queries', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedQueryEmbedder(inner);
    const vectors = await Promise.all([
      cached.embedQuery('q'),
      cached.embedQuery('q'),
      cached.embedQuery('r'),
    ]);
    expect(vectors).toEqual([
      [1, 1],
      [1, 1],
      [1, 2],
    ]);
    expect(inner.queryCalls).toEqual(['q', 'r']);
  });

  it('keeps at most `capacity` queries and does not keep failures', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedQueryEmbedder(inner, 2);
    inner.failNext = true;
    await expect(cached.embedQuery('a')).rejects.toThrow('provider down');
    await cached.embedQuery('a');
    await cached.embedQuery('b');
    await cached.embedQuery('c');
    await cached.embedQuery('a');
    expect(inner.queryCalls).toEqual(['a', 'a', 'b', 'c', 'a']);
  });

  it('never caches documents', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedQueryEmbedder(inner);
    expect(await cached.embedDocuments(['ab', 'c'])).toEqual([
      [2, 0],
      [1, 0],
    ]);
    expect(inner.queryCalls).toEqual([]);
  });

  it('lets one caller stop waiting without cancelling the shared result', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachedQueryEmbedder(inner);
    const controller = new AbortController();
    const waiting = cached.embedQuery('q', controller.signal);
    const other = cached.embedQuery('q');
    controller.abort(new Error('user went away'));
    await expect(waiting).rejects.toThrow('user went away');
    expect(await other).toEqual([1, 1]);
  });
});

describe('createEmbedder', () => {
  it('builds the configured provider behind the query cache', () => {
    const assets = { modelDir: '/nowhere' };
    const remote = createEmbedder(
      { provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm3', dimensions: 1024 },
      assets,
    );
    expect(remote).toBeInstanceOf(CachedQueryEmbedder);
    expect(remote).toMatchObject({ modelId: 'm3', dimensions: 1024 });
    const local = createEmbedder(
      { provider: 'local', model: 'bge-small-zh-v1.5', threads: 1 },
      assets,
    );
    expect(local).toMatchObject({ modelId: 'bge-small-zh-v1.5', dimensions: 512 });
  });
});
