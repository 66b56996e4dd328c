import { createHash } from 'node:crypto';
import {
  chunkDocument,
  chunkingOptions,
  chunkText,
  contentHash,
  DEFAULT_CHUNKING,
  fitWindow,
  splitOversized,
  splitSentences,
  validateChunkingOptions,
} from '../../src/knowledge/chunking';
import type { DocumentSection, LoadedDocument } from '../../src/knowledge/types';

const ZH =
  '机器学习研究如何让计算机从数据中学习规律。监督学习使用带标记的样本！无监督学习呢？它不使用标记；' +
  '他说：“模型是算法的产物。”随后给出了例子。泛化能力是衡量模型好坏的关键。';
const EN =
  'Dr. Smith trained the model in 2020. It reached 97.5% accuracy, e.g. on the test set! ' +
  'Was it overfitting? The U.S. team checked it with J. Doe.\n1. First item\n2. Second item';

function doc(sections: DocumentSection[]): LoadedDocument {
  return {
    source: 'a/b.md',
    title: '标题',
    format: 'markdown',
    sections,
    pageCount: 1,
    metadata: { lang: 'zh' },
  };
}

describe('chunking options', () => {
  it('defaults to 500 characters with 80 of overlap and fills in other sizes', () => {
    expect(DEFAULT_CHUNKING).toEqual({ size: 500, overlap: 80 });
    expect(chunkingOptions({ size: 200 })).toEqual({ size: 200, overlap: 80 });
    expect(chunkingOptions({ size: 1000, overlap: 0 })).toEqual({ size: 1000, overlap: 0 });
  });

  it('rejects out-of-range values with a message naming the field', () => {
    expect(() => validateChunkingOptions({ size: 49, overlap: 0 })).toThrow(
      /chunking\.size.*50 to 8000.*got 49/,
    );
    expect(() => validateChunkingOptions({ size: 8001, overlap: 0 })).toThrow(/chunking\.size/);
    expect(() => validateChunkingOptions({ size: 100.5, overlap: 0 })).toThrow(/chunking\.size/);
    expect(() => validateChunkingOptions({ size: 100, overlap: 50 })).toThrow(
      /chunking\.overlap.*half.*got 50/,
    );
    expect(() => validateChunkingOptions({ size: 100, overlap: -1 })).toThrow(/chunking\.overlap/);
    expect(() => chunkDocument(doc([]), { size: 10, overlap: 0 })).toThrow(/chunking\.size/);
  });
});

describe('splitSentences', () => {
  it('splits Chinese after 。！？； and keeps closing quotes with their sentence', () => {
    expect(splitSentences(ZH)).toEqual([
      '机器学习研究如何让计算机从数据中学习规律。',
      '监督学习使用带标记的样本！',
      '无监督学习呢？',
      '它不使用标记；',
      '他说：“模型是算法的产物。”',
      '随后给出了例子。',
      '泛化能力是衡量模型好坏的关键。',
    ]);
  });

  it('splits English at . ! ? before whitespace, not after abbreviations, initials, decimals or list numbers', () => {
    expect(splitSentences(EN)).toEqual([
      'Dr. Smith trained the model in 2020. ',
      'It reached 97.5% accuracy, e.g. on the test set! ',
      'Was it overfitting? ',
      'The U.S. team checked it with J. Doe.\n',
      '1. First item\n',
      '2. Second item',
    ]);
  });

  it('splits at line breaks and gives back the text exactly when joined', () => {
    const text = '标题行\n\n第一段。Second one.  \n  - 列表项\n';
    const pieces = splitSentences(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces).toEqual(['标题行\n\n', '第一段。', 'Second one.  \n  ', '- 列表项\n']);
  });
});

describe('splitOversized', () => {
  it('cuts a long sentence at a clause mark in the second half of the window, else hard at size', () => {
    const clauses = '甲'.repeat(40) + '，' + '乙'.repeat(40) + '，' + '丙'.repeat(40) + '。';
    expect(splitOversized(clauses, 60)).toEqual([
      '甲'.repeat(40) + '，',
      '乙'.repeat(40) + '，',
      '丙'.repeat(40) + '。',
    ]);
    const solid = '字'.repeat(130);
    expect(splitOversized(solid, 50).map((p) => p.length)).toEqual([50, 50, 30]);
  });

  it('never cuts a surrogate pair in two', () => {
    const pieces = splitOversized('𠀀'.repeat(30), 51);
    expect(pieces.join('')).toBe('𠀀'.repeat(30));
    expect(pieces.every((p) => !/[\ud800-\udbff]$/.test(p) && p.length <= 51)).toBe(true);
  });
});

describe('chunkText and chunkDocument', () => {
  const longZh = Array.from(
    { length: 30 },
    (_, i) => `这是第${i + 1}个句子，用来检验分块是否尊重句子边界。`,
  ).join('');

  it('packs whole sentences up to size, each chunk ending at a sentence end', () => {
    const chunks = chunkText(longZh, { size: 100, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(100);
      expect(chunk.endsWith('。')).toBe(true);
      expect(chunk.startsWith('这是第')).toBe(true);
    }
    expect(chunks.join('')).toBe(longZh);
  });

  it('starts each later chunk with whole trailing sentences of the one before, up to overlap', () => {
    const chunks = chunkText(longZh, { size: 120, overlap: 40 });
    for (let i = 1; i < chunks.length; i++) {
      const previousLast = splitSentences(chunks[i - 1]).pop() ?? '';
      expect(chunks[i].startsWith(previousLast)).toBe(true);
      expect(previousLast.length).toBeLessThanOrEqual(40);
      expect(chunks[i].length).toBeLessThanOrEqual(120);
    }
  });

  it('carries the tail of a sentence from a clause mark when no whole sentence fits the overlap', () => {
    const sentences = Array.from(
      { length: 6 },
      (_, i) => `第${i}句的前半部分比较长而且没有句号，后半部分${i}。`,
    ).join('');
    const chunks = chunkText(sentences, { size: 60, overlap: 15 });
    expect(chunks[0].endsWith('后半部分1。')).toBe(true);
    expect(chunks[1].startsWith('后半部分1。第2句')).toBe(true);
  });

  it('hard-splits a sentence longer than size and keeps every chunk within size', () => {
    const chunks = chunkText('长'.repeat(250) + '。短句。', { size: 100, overlap: 20 });
    expect(chunks.every((c) => c.length <= 100)).toBe(true);
    expect(chunks.join('').replace(/短句。/g, '')).toContain('长'.repeat(250));
  });

  it('never crosses a section: heading path and page stay exact; positions run on; metadata copied', () => {
    const sections: DocumentSection[] = [
      { text: longZh, page: 3, headingPath: ['第 1 章', '1.1 引言'] },
      { text: '短的一节。', page: 4, headingPath: ['第 1 章', '1.2 术语'] },
      { text: EN, page: 4, headingPath: [] },
    ];
    const chunks = chunkDocument(doc(sections), { size: 150, overlap: 30 });
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
    for (const chunk of chunks) {
      const section = sections.find((s) => s.page === chunk.page && s.text.includes(chunk.text));
      expect(section?.headingPath).toEqual(chunk.headingPath);
      expect(chunk).toMatchObject({ source: 'a/b.md', title: '标题', metadata: { lang: 'zh' } });
      expect(chunk.text.length).toBeLessThanOrEqual(150);
    }
    expect(chunks.filter((c) => c.headingPath[1] === '1.2 术语').map((c) => c.text)).toEqual([
      '短的一节。',
    ]);
  });

  it('hashes the chunk text with whitespace removed, so re-wrapped text hashes the same', () => {
    const [chunk] = chunkDocument(
      doc([{ text: '检索 增强\n生成。 RAG  works.', page: null, headingPath: [] }]),
      DEFAULT_CHUNKING,
    );
    expect(chunk.contentHash).toBe(
      createHash('sha256').update('检索增强生成。RAGworks.').digest('hex'),
    );
    expect(contentHash('检索增强\n\n生成。 RAG works.')).toBe(chunk.contentHash);
    expect(contentHash('检索增强生成！RAGworks.')).not.toBe(chunk.contentHash);
  });
});

describe('fitWindow: chunks cut to the embedding model’s token window', () => {
  // Two tokens a character, as Hangul often is for bge's WordPiece.
  const window = {
    maxTokens: 100,
    countTokens: (text: string) => 2 * text.replace(/\s/g, '').length,
  };

  it('leaves a chunk that fits alone, and cuts one that does not into pieces that fit', () => {
    expect(fitWindow('short text', window)).toEqual(['short text']);
    const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const pieces = fitWindow(text, window);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(window.countTokens(piece)).toBeLessThanOrEqual(100);
    expect(pieces.join(' ')).toBe(text);
  });
});
