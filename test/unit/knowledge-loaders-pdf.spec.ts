import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocument } from '../../src/knowledge/loaders';
import type { LoadedDocument } from '../../src/knowledge/types';
import { buildPdf } from '../fixtures/documents/minimal-pdf';

const CORPUS = join(__dirname, '../../../shared/corpus');
const squeeze = (text: string): string => text.replace(/\s+/g, '');

describe('PDF loader on small PDFs', () => {
  it('gives one section per page with text, pages 0-based, title from the metadata', async () => {
    const bytes = buildPdf({
      title: '检索手册 Retrieval',
      pages: [
        ['Hello (PDF) world', '中文测试，第一行。', 'Second line'],
        [],
        ['第三页 third page'],
      ],
    });
    const doc = await loadDocument({
      source: 'manuals/manual.pdf',
      bytes,
      metadata: { team: 'docs' },
    });
    expect(doc).toMatchObject({
      source: 'manuals/manual.pdf',
      title: '检索手册 Retrieval',
      format: 'pdf',
      pageCount: 3,
    });
    expect(doc.metadata).toEqual({ team: 'docs' });
    expect(doc.sections.map((s) => s.page)).toEqual([0, 2]);
    expect(doc.sections[0]).toEqual({
      text: 'Hello (PDF) world\n中文测试，第一行。\nSecond line',
      page: 0,
      headingPath: [],
    });
    expect(doc.sections[1].text).toBe('第三页 third page');
  });

  it('titles by the file name when the PDF names no title, and leaves the caller’s bytes usable', async () => {
    const bytes = buildPdf({ pages: [['Only page']] });
    const doc = await loadDocument({ source: 'a/b/report.v2.pdf', bytes });
    expect(doc.title).toBe('report.v2');
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('reads CJK fonts without a ToUnicode table through Adobe’s CMaps', async () => {
    const doc = await loadDocument({
      source: 'gb1.pdf',
      bytes: buildPdf({ pages: [['同班版']], cjkFont: 'adobe-gb1' }),
    });
    expect(squeeze(doc.sections[0].text)).toBe('同班版');
  });

  it('reports a PDF without extractable text as no_text, and garbage as undecodable', async () => {
    const imageOnly = loadDocument({ source: 'scan.pdf', bytes: buildPdf({ pages: [[], []] }) });
    await expect(imageOnly).rejects.toMatchObject({ code: 'no_text', source: 'scan.pdf' });
    const garbage = new TextEncoder().encode('%PDF-1.7\nthis is not a PDF body\n');
    await expect(loadDocument({ source: 'bad.pdf', bytes: garbage })).rejects.toMatchObject({
      code: 'undecodable',
    });
  });
});

interface QaItem {
  id: string;
  page: number | null;
  reference_answer?: string;
}

describe('PDF loader on pumpkin_book.pdf (196 pages, Chinese, xeLaTeX CID fonts)', () => {
  let doc: LoadedDocument;
  const pageText = (page: number): string =>
    squeeze(doc.sections.find((s) => s.page === page)?.text ?? '');

  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS, 'llm-universe/pumpkin_book.pdf')));
    doc = await loadDocument({ source: 'llm-universe/pumpkin_book.pdf', bytes });
  });

  // How long it takes belongs to `quarry bench` (the ingest parse stage), not to a test: on a
  // shared, loaded 2-core machine this parse took 15-17 s, over the limit this test once had.
  it('parses every page', () => {
    expect(doc.pageCount).toBe(196);
    expect(doc.sections).toHaveLength(196);
    expect(doc.title).toBe('pumpkin_book');
  });

  it('extracts the Chinese text, with pages numbered as in the QA file', () => {
    expect(pageText(13)).toContain('第1章绪论');
    expect(pageText(13)).toContain('本章作为“西瓜书”的开篇');
    expect(pageText(195)).toContain('16.6模仿学习');
  });

  it('has the start of each chosen QA item’s reference answer on that item’s page and no other', () => {
    const items = readFileSync(join(CORPUS, 'pumpkin_book_qa.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as QaItem);
    for (const id of ['lu-001', 'lu-006', 'lu-052', 'lu-102', 'lu-117']) {
      const item = items.find((i) => i.id === id);
      const phrase = squeeze(item?.reference_answer ?? '').slice(0, 16);
      const pages = doc.sections.filter((s) => squeeze(s.text).includes(phrase)).map((s) => s.page);
      expect({ id, pages }).toEqual({ id, pages: [item?.page] });
    }
  });
});
