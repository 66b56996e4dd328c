import { createHash } from 'node:crypto';
import type { PreparedDocument } from '../../src/knowledge/ingest/prepare-document';
import type { LoadedDocument } from '../../src/knowledge/types';
import { stripMarkup } from '../../src/knowledge/cleaning';
import { InWorker } from '../support/in-worker';

// Hostile text through every loader, cleaner and chunker. Each call runs in a worker thread, so a
// function that goes quadratic again fails here by Jest's timeout instead of stalling the run; the
// assertions are about the output only.
jest.setTimeout(90_000);

const worker = new InWorker();
afterEach(() => worker.stopIfBusy());
afterAll(() => worker.stop());

const KB = 1000;
const MB = 1_000_000;
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Text without whitespace, summed up: a failure must not print a megabyte. */
function solid(text: string): { length: number; sha256: string; start: string; end: string } {
  const s = text.replace(/\s+/g, '');
  const sha256 = createHash('sha256').update(s).digest('hex');
  return { length: s.length, sha256, start: s.slice(0, 20), end: s.slice(-20) };
}

/** load → clean → chunk, as ingestion runs it (chunks without overlap: they cover the text once). */
function prepare(source: string, text: string, size = 500): Promise<PreparedDocument> {
  const file = { source, bytes: utf8(text) };
  return worker.call('src/knowledge/ingest/prepare-document', 'prepareDocument', file, {
    size,
    overlap: 0,
  });
}

function load(source: string, text: string): Promise<LoadedDocument> {
  const file = { source, bytes: utf8(text) };
  return worker.call('src/knowledge/loaders/load-document', 'loadDocument', file);
}

function chunkText(text: string, size: number, overlap: number): Promise<string[]> {
  return worker.call('src/knowledge/chunking/chunk-document', 'chunkText', text, { size, overlap });
}

function cleanPdfPages(pages: string[]): Promise<LoadedDocument> {
  const doc: LoadedDocument = {
    source: 'x.pdf',
    title: 'x',
    format: 'pdf',
    sections: pages.map((text, page) => ({ text, page, headingPath: [] })),
    pageCount: pages.length,
    metadata: {},
  };
  return worker.call('src/knowledge/cleaning/clean-document', 'cleanDocument', doc);
}

/** Every chunk within `size`, every heading within 200 characters, and all the text kept. */
function expectChunksCover({ chunks }: PreparedDocument, text: string, size = 500): void {
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) {
    expect(chunk.text.length).toBeLessThanOrEqual(size);
    expect(chunk.title.length).toBeLessThanOrEqual(200);
    for (const heading of chunk.headingPath) expect(heading.length).toBeLessThanOrEqual(200);
  }
  expect(solid(chunks.map((c) => c.text).join(''))).toEqual(solid(text));
}

describe('Markdown headings of hostile text', () => {
  it('loads a heading of 200,000 `[` (the reported 15 s stall): path capped, text kept', async () => {
    const heading = '['.repeat(200 * KB);
    const prepared = await prepare('brackets.md', `# ${heading}\n\nbody text.\n`);
    expect(prepared.doc.title).toBe(`${'['.repeat(199)}…`);
    expect(prepared.doc.sections[0].headingPath).toEqual([`${'['.repeat(199)}…`]);
    expectChunksCover(prepared, heading + 'body text.');
  });

  it('loads a heading of 1 MB of `[`', async () => {
    const doc = await load('brackets.md', `# ${'['.repeat(MB)}\n`);
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0].headingPath[0]).toHaveLength(200);
    expect(doc.sections[0].text.trim()).toBe('['.repeat(MB));
  });

  it.each([
    ['nested brackets', `${'['.repeat(100 * KB)}${']'.repeat(100 * KB)}`],
    ['unclosed links', '[a]('.repeat(50 * KB)],
    ['image links', '![a]('.repeat(40 * KB)],
    ['emphasis marks', ' *a'.repeat(70 * KB)],
    ['a closing run after blanks', `a${' '.repeat(200 * KB)}#`],
  ])('strips markup from a 200 kB heading of %s', async (_name, heading) => {
    const doc = await load('h.md', `## ${heading}\n\nbody\n`);
    expect(doc.sections[0].headingPath).toHaveLength(1);
    expect(doc.sections[0].headingPath[0].length).toBeLessThanOrEqual(200);
    expect(doc.sections[0].text).toContain('body');
  });

  it('keeps a heading of blanks between words as one short heading', async () => {
    const doc = await load('h.md', `# a${' '.repeat(MB)}b\n\nbody\n`);
    expect(doc.sections[0].headingPath).toEqual(['a b']);
  });

  it.each([
    ['`|`', '|'],
    ['`<`', '<'],
    ['`#` (more than six: not a heading)', '#'],
    ['`*`', '*'],
    ['backticks (an unclosed fence)', '`'],
  ])('loads a 1 MB line of %s as text', async (_name, char) => {
    const text = `intro\n\n${char.repeat(MB)}\n`;
    // Markdown syntax is stripped at ingestion: the line's text is what stripping leaves.
    expectChunksCover(await prepare('line.md', text), stripMarkup(text));
  });

  it.each([
    ['`[a](` (links never closed)', '[a]('],
    ['`![a](` (images never closed)', '![a]('],
    ['`[a](b "` (titles never closed)', '[a](b "'],
  ])('strips 50,000 of %s in one pass, keeping every character', (_name, unit) => {
    const line = unit.repeat(50 * KB);
    expect(stripMarkup(`${line}\n[kept](https://example.org)`)).toBe(`${line}\nkept`);
  });

  it('splits 100,000 lines of headings and text into 50,000 sections', async () => {
    const lines = Array.from({ length: 50 * KB }, (_, i) => `## h${i}\ntext ${i}\n`).join('');
    const doc = await load('many.md', lines);
    expect(doc.sections).toHaveLength(50 * KB);
    expect(doc.sections[49_999]).toMatchObject({ headingPath: ['h49999'], text: 'text 49999\n' });
  });

  it('reads an unclosed front matter of 100,000 lines as text', async () => {
    const text = `---\n${'key: value\n'.repeat(100 * KB)}`;
    expectChunksCover(await prepare('front.md', text), stripMarkup(text));
  });
});

describe('HTML of hostile shape', () => {
  it('reads 250,000 unclosed `<b>` (minutes in the old parser) as their text', async () => {
    const prepared = await prepare('b.html', '<b>a'.repeat(250 * KB));
    expectChunksCover(prepared, 'a'.repeat(250 * KB));
  });

  it.each([
    ['200,000 nested `<div>`', `${'<div>'.repeat(200 * KB)}text`, 'text'],
    ['1 MB of `<`', '<'.repeat(MB), '<'.repeat(MB)],
    ['1 MB of `&`', '&'.repeat(MB), '&'.repeat(MB)],
    ['200,000 table cells', `<table>${'<td>a'.repeat(200 * KB)}`, 'a'.repeat(200 * KB)],
    ['200,000 end tags that close nothing', `<p>text${'</x>'.repeat(200 * KB)}`, 'text'],
    [
      'an unclosed `<pre>` of code',
      `<pre>${'x = 1\n'.repeat(100 * KB)}`,
      `\`\`\`${'x = 1\n'.repeat(100 * KB)}\`\`\``,
    ],
  ])('reads %s', async (_name, html, text) => {
    expectChunksCover(await prepare('page.html', html), text);
  });

  it('caps a 300 kB heading and keeps its text', async () => {
    const prepared = await prepare('h.html', `<h2>${'x'.repeat(300 * KB)}</h2><p>body</p>`);
    expect(prepared.doc.sections[0].headingPath[0]).toBe(`${'x'.repeat(199)}…`);
    expectChunksCover(prepared, `${'x'.repeat(300 * KB)}body`);
  });

  it('finds no text in 250,000 unclosed comments', async () => {
    await expect(load('c.html', '<!--'.repeat(250 * KB))).rejects.toMatchObject({
      name: 'UnprocessableDocumentError',
    });
  });
});

describe('JSON, JSON Lines and text of hostile shape', () => {
  it('refuses 200,000 `[` as invalid JSON, and 100,000 nested arrays as holding no record', async () => {
    await expect(load('a.json', '['.repeat(200 * KB))).rejects.toThrow(/invalid JSON/);
    const nested = `${'['.repeat(100 * KB)}${']'.repeat(100 * KB)}`;
    await expect(load('b.json', nested)).rejects.toThrow(/no record has any text/);
  });

  it('reads 100,000 JSON Lines as 100,000 sections, a 200 kB title capped', async () => {
    const lines = Array.from({ length: 100 * KB }, (_, i) => JSON.stringify({ text: `r${i}` }));
    expect((await load('r.jsonl', lines.join('\n'))).sections).toHaveLength(100 * KB);
    const titled = await load('t.json', JSON.stringify({ title: 'T'.repeat(200 * KB), text: 'x' }));
    expect(titled.sections[0].headingPath[0]).toHaveLength(200);
    expect(titled.sections[0].text).toContain('T'.repeat(200 * KB));
  });

  it.each([
    ['1 MB of Chinese without punctuation', '机器学习是人工智能'.repeat(MB / 9)],
    ['1 MB without a space', 'a'.repeat(MB)],
    ['100,000 lines', 'line\n'.repeat(100 * KB)],
    ['1 MB of `!` before a letter', `${'!'.repeat(MB)}a`],
    ['500,000 numbered periods', '1.'.repeat(500 * KB)],
    ['300,000 initials', 'A. '.repeat(300 * KB)],
    ['1 MB of closing quotes after a full stop', `。${'”'.repeat(MB)}`],
    ['200,000 wrapped Chinese lines', '机器学习\n'.repeat(200 * KB)],
  ])('chunks %s', async (_name, text) => {
    expectChunksCover(await prepare('t.txt', text), text);
  });

  it('chunks 1 MB of dots before a lower-case word (the dots become one leader)', async () => {
    expectChunksCover(await prepare('t.txt', `${'.'.repeat(MB)} a`), '…a');
    const pieces = await worker.call<string[]>(
      'src/knowledge/chunking/sentences',
      'splitSentences',
      `${'.'.repeat(MB)} a`,
    );
    expect(pieces.join('')).toHaveLength(MB + 2);
  });

  it('packs 500,000 two-character sentences into 8,000-character chunks with overlap', async () => {
    const text = '机。'.repeat(500 * KB);
    const chunks = await chunkText(text, 8000, 3000);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(8000);
    expect(chunks[0]).toBe('机。'.repeat(4000));
    expect(chunks[1].startsWith('机。'.repeat(1500))).toBe(true);
    expect(chunks.at(-1)!.endsWith('机。')).toBe(true);
  });
});

describe('cleaning of PDF pages of hostile shape', () => {
  const cleanOne = async (text: string) => (await cleanPdfPages([text])).sections[0]?.text;

  it.each([
    ['a line of 1 MB letters (hyphenation)', 'a'.repeat(MB), 'a'.repeat(MB)],
    ['1 MB of blanks between words (dot leaders)', `a${' '.repeat(MB)}b`, 'a b'],
    ['1 MB of tabs and dots', '\t.'.repeat(MB / 2), '…'],
    ['1 MB of dots (table of contents)', '.'.repeat(MB), '…'],
    ['1 MB of blanks after 第 (numbered headings)', `第${' '.repeat(MB)}章`, '第 章'],
    ['200,000 wrapped Chinese lines', '机器学习\n'.repeat(200 * KB), '机器学习'.repeat(200 * KB)],
    [
      'a long line followed by 100,000 wrapped lines',
      `${'a'.repeat(500 * KB)}机1${'\n机1'.repeat(100 * KB)}`,
      `${'a'.repeat(500 * KB)}机1${' 机1'.repeat(100 * KB)}`,
    ],
  ])('cleans %s', async (_name, text, expected) => {
    expect(await cleanOne(text)).toBe(expected);
  });

  it('drops a running header from 20,000 pages', async () => {
    // Numbers compare as equal in running lines, so the bodies differ by a character instead.
    const body = (i: number) => `正文${String.fromCodePoint(0x4e00 + i)}`;
    const pages = Array.from({ length: 20 * KB }, (_, i) => `Quarry 手册\n${body(i)}\n第 ${i} 页`);
    const doc = await cleanPdfPages(pages);
    expect(doc.sections).toHaveLength(20 * KB);
    expect(doc.sections[123].text).toBe(body(123));
  });
});

describe('search terms, question framing and reranking of hostile text', () => {
  it('indexes 200 kB of Chinese without punctuation and 200,000 alternating scripts', async () => {
    const terms = await worker.call<string[]>(
      'src/knowledge/text-terms',
      'searchTerms',
      '机器学习'.repeat(50 * KB),
    );
    expect(terms).toEqual(expect.arrayContaining(['机器', '学习', '器学']));
    const mixed = await worker.call<string[]>(
      'src/knowledge/text-terms',
      'searchTerms',
      'x机'.repeat(100 * KB),
    );
    expect(mixed.filter((t) => t === 'x')).toHaveLength(100 * KB);
  });

  it('strips the framing of a 2,000-character question built to backtrack (2^600 ways)', async () => {
    // No noun after the words, so the match must fail, after trying every split of 所提供.
    const question = `根据${'所提供'.repeat(600)}：X 是什么？`;
    const stripped = await worker.call<string>(
      'src/knowledge/text-terms',
      'stripQuestionFraming',
      question,
    );
    expect(stripped).toContain('X');
  });

  it('reranks 8,000-character passages of symbols for a 2,000-character query', async () => {
    const hits = ['(', '<', '[', '机'].map((c, i) => ({
      id: `${i}`,
      text: c.repeat(8000),
      score: 1,
    }));
    const ranked = await worker.call<{ id: string }[]>(
      'src/knowledge/rerank',
      'phraseRerank',
      '<'.repeat(2000),
      hits,
      4,
    );
    expect(ranked[0].id).toBe('1');
  });
});
