import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocument } from '../../src/knowledge/loaders';
import type { LoadedDocument } from '../../src/knowledge/types';

const FIXTURES = join(__dirname, '../fixtures/documents');

function load(
  name: string,
  extra: { source?: string; contentType?: string; text?: string } = {},
): Promise<LoadedDocument> {
  const bytes =
    extra.text !== undefined
      ? new TextEncoder().encode(extra.text)
      : readFileSync(join(FIXTURES, name));
  return loadDocument({
    source: extra.source ?? name,
    bytes: new Uint8Array(bytes),
    contentType: extra.contentType,
  });
}

describe('markdown', () => {
  it('splits at headings with the path outermost first, and takes the first H1 as title', async () => {
    const doc = await load('guide.md');
    expect(doc).toMatchObject({ title: 'Quarry 使用指南', format: 'markdown', pageCount: 1 });
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ['Quarry 使用指南'],
      ['Quarry 使用指南', '安装 Installation'],
      ['Quarry 使用指南', '安装 Installation', '配置'],
      ['Quarry 使用指南', 'Search'],
      ['Quarry 使用指南', 'Setext Heading'],
      ['Appendix'],
    ]);
    expect(doc.sections.every((s) => s.page === null)).toBe(true);
    expect(doc.sections[0].text.trim()).toBe(
      'Quarry 把文档切成块并建立索引。This guide covers ingestion.',
    );
    expect(doc.sections[4].text.trim()).toBe('Text under a setext heading.');
  });

  it('keeps code fences intact: a # line inside is code, not a heading', async () => {
    const doc = await load('guide.md');
    expect(doc.sections[1].text).toContain(
      '```bash\n# this is a comment, not a heading\nnpm install\n```',
    );
  });

  it('uses a front-matter title, else the file name; a --- after a list is no heading', async () => {
    const withFrontMatter = await load('x.md', {
      text: '---\ntitle: "前言 Preface"\n---\n正文。\n',
    });
    expect(withFrontMatter.title).toBe('前言 Preface');
    expect(withFrontMatter.sections).toEqual([{ text: '正文。\n', page: null, headingPath: [] }]);
    const untitled = await load('docs/notes.md', { text: '## Only H2\n\n- a\n---\nbody\n' });
    expect(untitled.title).toBe('notes');
    expect(untitled.sections).toHaveLength(1);
    expect(untitled.sections[0].headingPath).toEqual(['Only H2']);
    expect(untitled.sections[0].text).toContain('- a\n---\nbody');
  });
});

describe('html', () => {
  it('drops script, style, nav and footer; sections by heading; title from <title>', async () => {
    const doc = await load('page.html');
    expect(doc).toMatchObject({ title: '向量数据库简介 & Weaviate', format: 'html' });
    const all = doc.sections.map((s) => s.text).join('\n');
    for (const furniture of ['tracking', 'color: red', '首页', '联系我们'])
      expect(all).not.toContain(furniture);
    expect(doc.sections.map((s) => s.headingPath)).toEqual([
      ['向量数据库'],
      ['向量数据库', 'Weaviate'],
      ['向量数据库', 'Weaviate', '多租户'],
    ]);
    expect(doc.sections[0].text).toBe('向量数据库存储嵌入向量，支持相似度检索。');
    expect(doc.sections[1].text).toContain('Weaviate supports hybrid search <BM25 + vectors>.');
    expect(doc.sections[1].text).toContain('def search(query):\n    return client.query(query)');
    expect(doc.sections[2].text).toBe('每个租户的数据相互隔离。\nTenants are isolated.');
  });

  it('titles by the first <h1> without a <title>, and decodes a GBK page by its meta charset', async () => {
    const html =
      '<html><head><meta charset="gbk"></head><body><h1>标题</h1><p>中文</p></body></html>';
    const bytes = new Uint8Array([...Buffer.from(html.split('标题')[0]), 0xb1, 0xea, 0xcc, 0xe2]);
    const rest = Buffer.from('</h1><p>', 'latin1');
    const body = new Uint8Array([
      ...bytes,
      ...rest,
      0xd6,
      0xd0,
      0xce,
      0xc4,
      ...Buffer.from('</p></body></html>'),
    ]);
    const doc = await loadDocument({ source: 'gbk.html', bytes: body });
    expect(doc.title).toBe('标题');
    expect(doc.sections[0]).toEqual({ text: '中文', page: null, headingPath: ['标题'] });
  });
});

describe('json and jsonl', () => {
  it('makes each record of an array a section, titled in its heading path', async () => {
    const doc = await load('records.json');
    expect(doc).toMatchObject({ title: 'records', format: 'json' });
    expect(doc.sections).toEqual([
      { text: '大语言模型是在海量文本上训练的神经网络。', page: null, headingPath: ['大语言模型'] },
      { text: 'Embeddings map text to vectors.', page: null, headingPath: ['Embeddings'] },
      // no text/content/body: every string field, joined
      { text: '什么是 RAG？\n先检索相关文档，再让模型据此生成回答。', page: null, headingPath: [] },
    ]);
    // only what every record shares can describe the whole document
    expect(doc.metadata).toEqual({ lang: 'zh' });
  });

  it('reads one object: its title, and its simple scalar fields as metadata', async () => {
    const doc = await load('record.json', { source: 'record.json' });
    expect(doc.title).toBe('单条记录');
    expect(doc.sections).toEqual([
      { text: '这是一条只有一个对象的 JSON 文档。', page: null, headingPath: ['单条记录'] },
    ]);
    expect(doc.metadata).toEqual({ author: 'Quarry', year: 2026, draft: false });
  });

  it('reads JSON Lines, skipping blank lines; the sender’s metadata wins', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'records.jsonl')));
    const doc = await loadDocument({
      source: 'records.jsonl',
      bytes,
      metadata: { kind: 'override' },
    });
    expect(doc.format).toBe('jsonl');
    expect(doc.sections.map((s) => s.text)).toEqual([
      'JSONL 的每一行是一条记录。',
      'Second record in English.',
    ]);
    expect(doc.sections[0].headingPath).toEqual(['第一条']);
    expect(doc.metadata).toEqual({ kind: 'override' });
  });

  it('rejects records without any text', async () => {
    await expect(load('x.json', { text: '[{"id": 1}, {"n": 2}]' })).rejects.toMatchObject({
      code: 'no_text',
    });
  });
});
