import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument, contentHash, DEFAULT_CHUNKING } from '../../src/knowledge/chunking';
import { cleanDocument } from '../../src/knowledge/cleaning';
import { loadDocument } from '../../src/knowledge/loaders';
import type { Chunk, LoadedDocument } from '../../src/knowledge/types';

const CORPUS = join(__dirname, '../../../shared/corpus');
const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** The real book through load → clean → chunk, as ingestion runs it. */
describe('pumpkin_book.pdf cleaned and chunked', () => {
  let cleaned: LoadedDocument;
  let chunks: Chunk[];

  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, 'llm-universe/pumpkin_book.pdf')));
    cleaned = cleanDocument(await loadDocument({ source: 'llm-universe/pumpkin_book.pdf', bytes }));
    chunks = chunkDocument(cleaned, DEFAULT_CHUNKING);
  });

  it('drops the running header and footer that 193 of the 196 pages carry', () => {
    const all = cleaned.sections.map((s) => s.text).join('\n');
    expect(all).not.toContain('欢迎去各大电商平台选购纸质版南瓜书');
    // the footer's words also appear once in the preface, as body text: only the footer goes
    expect(all).not.toMatch(/→_→|←_←/);
    expect(all.match(/配套视频教程/g)).toHaveLength(1);
    // Every page keeps its text except the table of contents (pages 2-12), which is dropped.
    const pages = new Set(cleaned.sections.map((s) => s.page));
    expect([...Array(196).keys()].filter((p) => !pages.has(p))).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('joins sentences that the page wrapped, keeping numbered headings on their own line', () => {
    const page13 = cleaned.sections.find((s) => s.page === 13)?.text ?? '';
    expect(page13).toContain('为后续内容作铺垫，并未涉及复杂的算法理论');
    expect(page13).toContain('\n1.2 基本术语\n本节涉及的术语较多');
  });

  it('keeps every chunk within size, on its exact page, in order, hashed', () => {
    expect(chunks.length).toBeGreaterThan(400);
    chunks.forEach((chunk, i) => {
      expect(chunk.position).toBe(i);
      expect(chunk.text.length).toBeLessThanOrEqual(DEFAULT_CHUNKING.size);
      expect(cleaned.sections.find((s) => s.page === chunk.page)?.text).toContain(chunk.text);
      expect(chunk.contentHash).toBe(contentHash(chunk.text));
    });
  });

  it('puts the opening words of chosen QA answers into a chunk of the right page', () => {
    const answers: Record<string, [number, string]> = {
      'lu-001': [13, '“算法”是指从数据中学得“模型”'],
      'lu-052': [89, '根据个体学习器的生成方式'],
      'lu-117': [180, '根据局部马尔科夫性'],
    };
    for (const [id, [page, phrase]] of Object.entries(answers)) {
      const hits = chunks.filter((c) => squeeze(c.text).includes(phrase)).map((c) => c.page);
      expect({ id, hits: [...new Set(hits)] }).toEqual({ id, hits: [page] });
    }
  });

  it('makes more, smaller chunks at a smaller size (what the retrieval benchmark compares)', () => {
    const small = chunkDocument(cleaned, { size: 200, overlap: 30 });
    expect(small.length).toBeGreaterThan(chunks.length * 2);
    expect(small.every((c) => c.text.length <= 200)).toBe(true);
  });
});
