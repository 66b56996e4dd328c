import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSupported, loadDocument, SUPPORTED_EXTENSIONS } from '../../src/knowledge/loaders';
import { UnprocessableDocumentError, type IncomingFile } from '../../src/knowledge/types';
import { buildPdf } from '../fixtures/documents/minimal-pdf';

const FIXTURES = join(__dirname, '../fixtures/documents');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function failure(file: IncomingFile): Promise<UnprocessableDocumentError> {
  const error: unknown = await loadDocument(file).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof UnprocessableDocumentError))
    throw new Error(`expected a failure, got ${String(error)}`);
  return error;
}

describe('isSupported', () => {
  it('knows the extensions, case-insensitively, and lists them', () => {
    for (const name of [
      'a.pdf',
      'b.MD',
      'c/d.markdown',
      'e.html',
      'f.htm',
      'g.txt',
      'h.json',
      'i.jsonl',
    ]) {
      expect(isSupported(name)).toBe(true);
    }
    expect(SUPPORTED_EXTENSIONS).toEqual(
      expect.arrayContaining(['.pdf', '.md', '.html', '.txt', '.json', '.jsonl']),
    );
  });

  it('falls back to the content type, and rejects what neither names', () => {
    expect(isSupported('upload', 'application/pdf')).toBe(true);
    expect(isSupported('notes.log', 'text/plain; charset=utf-8')).toBe(true);
    expect(isSupported('README')).toBe(true);
    expect(isSupported('photo.png', 'image/png')).toBe(false);
    expect(isSupported('archive.zip')).toBe(false);
    expect(isSupported('report.docx', 'application/octet-stream')).toBe(false);
  });
});

describe('loadDocument: bad input', () => {
  it('names the unsupported type', async () => {
    const error = await failure({
      source: 'slides.pptx',
      bytes: utf8('x'),
      contentType: 'application/vnd.ms-powerpoint',
    });
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toContain('.pptx');
    expect(error.message).toContain('application/vnd.ms-powerpoint');
  });

  it('reports an empty or whitespace-only file as empty', async () => {
    expect((await failure({ source: 'a.txt', bytes: new Uint8Array() })).code).toBe('empty');
    expect((await failure({ source: 'a.md', bytes: utf8(' \n\t\n') })).code).toBe('empty');
    expect((await failure({ source: 'a.pdf', bytes: new Uint8Array() })).code).toBe('empty');
  });

  it('reports bytes that are neither UTF-8 nor GB18030 as undecodable', async () => {
    const invalid = new Uint8Array([0x61, 0xff, 0x62, 0x81, 0x20]);
    const error = await failure({ source: 'broken.txt', bytes: invalid });
    expect(error.code).toBe('undecodable');
    expect(error.source).toBe('broken.txt');
  });

  it('reports binary content under a text name as undecodable', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect((await failure({ source: 'image.txt', bytes: png })).code).toBe('undecodable');
  });

  it('reports a file named .pdf that is not one as undecodable', async () => {
    expect((await failure({ source: 'fake.pdf', bytes: utf8('just text') })).code).toBe(
      'undecodable',
    );
  });

  it('reports a JSON syntax error, with the line for JSON Lines', async () => {
    expect((await failure({ source: 'a.json', bytes: utf8('{"text": ') })).code).toBe(
      'undecodable',
    );
    const error = await failure({ source: 'a.jsonl', bytes: utf8('{"text": "ok"}\n{oops}\n') });
    expect(error.code).toBe('undecodable');
    expect(error.reason).toContain('line 2');
  });
});

describe('loadDocument: plain text', () => {
  it('reads UTF-8 into one section titled by the file name', async () => {
    const doc = await loadDocument({
      source: 'notes/notes.txt',
      bytes: fixture('notes.txt'),
      metadata: { team: 'a' },
    });
    expect(doc).toMatchObject({
      source: 'notes/notes.txt',
      title: 'notes',
      format: 'text',
      pageCount: 1,
    });
    expect(doc.metadata).toEqual({ team: 'a' });
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]).toMatchObject({ page: null, headingPath: [] });
    expect(doc.sections[0].text).toContain('检索增强生成（RAG）先检索再生成。');
  });

  it('decodes GBK (GB18030) Chinese when the bytes are not UTF-8', async () => {
    const bytes = fixture('notes-gbk.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const doc = await loadDocument({ source: 'notes-gbk.txt', bytes });
    expect(doc.sections[0].text).toContain(
      '第一章：什么是机器学习？机器学习研究如何让计算机从数据中学习规律。',
    );
    expect(doc.sections[0].text).toContain('GBK encoded notes');
  });

  it('honours a UTF-16 byte-order mark and a declared charset', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('你好 UTF-16', 'utf16le')]);
    expect((await loadDocument({ source: 'a.txt', bytes: utf16 })).sections[0].text).toBe(
      '你好 UTF-16',
    );
    const big5 = new Uint8Array([0xa4, 0xa4, 0xa4, 0xe5]); // 中文 in Big5
    const doc = await loadDocument({
      source: 'a.txt',
      bytes: big5,
      contentType: 'text/plain; charset=big5',
    });
    expect(doc.sections[0].text).toBe('中文');
  });
});

describe('loadDocument: sniffing names without an extension', () => {
  it('reads JSON, JSON Lines, HTML and text by their content', async () => {
    const json = await loadDocument({
      source: 'export',
      bytes: utf8('[{"text": "一"}, {"text": "二"}]'),
    });
    expect(json.format).toBe('json');
    const jsonl = await loadDocument({
      source: 'export',
      bytes: utf8('{"text": "一"}\n{"text": "二"}\n'),
    });
    expect(jsonl.format).toBe('jsonl');
    const html = await loadDocument({ source: 'page', bytes: utf8('<!doctype html><p>Hi</p>') });
    expect(html.format).toBe('html');
    const text = await loadDocument({ source: 'README', bytes: utf8('[not json] just notes') });
    expect(text.format).toBe('text');
  });

  it('reads a PDF by its %PDF- magic whatever it is called', async () => {
    const pdf = buildPdf({ pages: [['Sniffed by magic']] });
    const doc = await loadDocument({
      source: 'download',
      bytes: pdf,
      contentType: 'application/octet-stream',
    });
    expect(doc.format).toBe('pdf');
    expect(doc.sections[0].text).toContain('Sniffed by magic');
  });
});
