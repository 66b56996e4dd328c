import {
  chunkCollectionName,
  chunkId,
  documentId,
  isValidKnowledgeBaseName,
  kbTenantKey,
  KNOWLEDGE_BASE_NAME_PATTERN,
  tenantKey,
  uuidV5,
} from '../../src/knowledge/store';
import { validateSearch } from '../../src/knowledge/store/search-request';
import { InvalidStoreRequestError, type SearchRequest } from '../../src/knowledge/store';

const WEAVIATE_TENANT = /^[A-Za-z0-9_-]{1,64}$/;
const WEAVIATE_CLASS = /^[A-Z][_0-9A-Za-z]*$/;

describe('kbTenantKey', () => {
  it('is readable when it fits', () => {
    expect(kbTenantKey('acme', 'papers')).toBe('acme--papers');
  });

  it('is always a valid Weaviate tenant name', () => {
    const tenants = ['acme', 'a'.repeat(64), 'with space', '租户', 'x--y', 'ends-', '', 'A_b-C'];
    const kbs = ['papers', 'k'.repeat(48), 'a--b', '0', 'x_y-z'];
    for (const t of tenants)
      for (const k of kbs) expect(kbTenantKey(t, k)).toMatch(WEAVIATE_TENANT);
  });

  it('is injective, including across the readable and hashed forms', () => {
    const pairs: [string, string][] = [
      ['a', 'b--c'],
      ['a--b', 'c'],
      ['a-', '-b'],
      ['a-', 'b'],
      ['a', 'b'],
      ['A', 'b'],
      ['a'.repeat(60), 'kb'],
      ['a'.repeat(60), 'kb2'],
      ['a'.repeat(61), 'kb'],
      ['with space', 'kb'],
      ['with_space', 'kb'],
      ['租户', 'kb'],
      ['租戶', 'kb'],
      ['acme', 'papers'],
      ['acme--papers', 'x'],
    ];
    const keys = pairs.map(([t, k]) => kbTenantKey(t, k));
    expect(new Set(keys).size).toBe(pairs.length);
  });

  it('hashed keys never contain `--`, readable ones always do', () => {
    expect(kbTenantKey('a'.repeat(61), 'kb')).not.toContain('--');
    expect(kbTenantKey('a'.repeat(60), 'kb')).toBe(`${'a'.repeat(60)}--kb`);
    expect(kbTenantKey('x--y', 'kb')).not.toContain('--');
    expect(kbTenantKey('acme', 'kb')).toContain('--');
  });
});

describe('tenantKey', () => {
  it('keeps plain tenant ids and hashes the rest into valid, distinct names', () => {
    expect(tenantKey('acme')).toBe('acme');
    const odd = ['x--y', 'with space', '租户', 'b'.repeat(65), 'b'.repeat(66)];
    const keys = odd.map(tenantKey);
    for (const key of keys) expect(key).toMatch(WEAVIATE_TENANT);
    expect(new Set([...keys, 'x--y', 'acme']).size).toBe(odd.length + 2);
  });
});

describe('knowledge-base names', () => {
  it('accepts lowercase slugs up to 48 characters', () => {
    expect(isValidKnowledgeBaseName('papers')).toBe(true);
    expect(isValidKnowledgeBaseName('0-a_b')).toBe(true);
    expect(isValidKnowledgeBaseName('k'.repeat(48))).toBe(true);
    for (const bad of ['', 'Papers', '-a', '_a', 'a b', 'k'.repeat(49), 'a/b', 'ä']) {
      expect(KNOWLEDGE_BASE_NAME_PATTERN.test(bad)).toBe(false);
    }
  });
});

describe('ids', () => {
  it('uuidV5 follows RFC 9562 (known vector)', () => {
    const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(uuidV5('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('chunk ids are deterministic and change with every part', () => {
    const id = chunkId('acme--kb', 'a.md', 3, 'h1');
    expect(chunkId('acme--kb', 'a.md', 3, 'h1')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const variants = [
      chunkId('acme--kb2', 'a.md', 3, 'h1'),
      chunkId('acme--kb', 'b.md', 3, 'h1'),
      chunkId('acme--kb', 'a.md', 4, 'h1'),
      chunkId('acme--kb', 'a.md', 3, 'h2'),
    ];
    expect(new Set([id, ...variants]).size).toBe(5);
  });

  it('separates parts unambiguously', () => {
    expect(chunkId('k', 'a","b', 1, 'h')).not.toBe(chunkId('k","a', 'b', 1, 'h'));
    expect(documentId('a.md')).toBe(documentId('a.md'));
    expect(documentId('a.md')).not.toBe(documentId('b.md'));
  });
});

describe('chunkCollectionName', () => {
  it('is a valid Weaviate class name per model and dimension count', () => {
    const name = chunkCollectionName('bge-small-zh-v1.5', 512);
    expect(name).toMatch(WEAVIATE_CLASS);
    expect(name.startsWith('QuarryChunk_bge_small_zh_v1_5_512d_')).toBe(true);
    expect(chunkCollectionName('bge-small-zh-v1.5', 512)).toBe(name);
    expect(chunkCollectionName('bge-small-zh-v1.5', 256)).not.toBe(name);
    expect(chunkCollectionName('bge_small_zh_v1_5', 512)).not.toBe(name);
    expect(chunkCollectionName('BGE-small-zh-v1.5', 512)).not.toBe(name);
    expect(chunkCollectionName('org/模型:latest', 8)).toMatch(WEAVIATE_CLASS);
  });
});

describe('validateSearch', () => {
  it('fills defaults and turns the query into BM25 terms', () => {
    expect(validateSearch({ query: '什么是 GPT-4？', mode: 'keyword' })).toMatchObject({
      mode: 'keyword',
      terms: 'gpt-4 gpt 4',
      alpha: 0.3, // DEFAULT_ALPHA, as the API and the service default to
      limit: 10,
      fusion: 'relative',
    });
  });

  it('rejects bad options with 400-style errors', () => {
    const bad: unknown[] = [
      { query: 'x', mode: 'hybrid' },
      { query: 'x', mode: 'vector' },
      { query: 'x', mode: 'keyword', limit: 0 },
      { query: 'x', mode: 'keyword', limit: 2.5 },
      { query: 'x', mode: 'keyword', limit: 101 },
      { query: 'x', mode: 'keyword', alpha: -0.1 },
      { query: 'x', mode: 'keyword', alpha: Number.NaN },
      { query: 'x', mode: 'semantic', queryVector: [1] },
      { query: 'x', mode: 'hybrid', queryVector: [1], fusion: 'rrf' },
    ];
    for (const request of bad) {
      expect(() => validateSearch(request as SearchRequest)).toThrow(InvalidStoreRequestError);
    }
  });
});
