import { cleanDocument } from '../../src/knowledge/cleaning';
import type { DocumentSection, LoadedDocument } from '../../src/knowledge/types';

function doc(format: LoadedDocument['format'], sections: DocumentSection[]): LoadedDocument {
  return {
    source: 's',
    title: 't',
    format,
    sections,
    pageCount: sections.length,
    metadata: { k: 1 },
  };
}

const page = (text: string, n: number): DocumentSection => ({ text, page: n, headingPath: [] });

describe('cleanDocument', () => {
  it('removes PDF running headers and footers and drops pages left empty', () => {
    const bodies = [
      '第一页讲线性模型的\n基本形式。',
      '第二页讲最小二乘\n法的推导。',
      '',
      '第四页讲对数几率回归。',
      '第五页总结本章。',
    ];
    const input = doc(
      'pdf',
      bodies.map((body, i) =>
        page(`→_→ 欢迎选购纸质版南瓜书 ←_←\n${body}\n→_→ 配套视频教程 ←_← ${i + 1}`, i),
      ),
    );
    const cleaned = cleanDocument(input);
    expect(cleaned.sections.map((s) => s.page)).toEqual([0, 1, 3, 4]);
    expect(cleaned.sections[0].text).toBe('第一页讲线性模型的基本形式。');
    expect(cleaned.sections[1].text).toBe('第二页讲最小二乘法的推导。');
    expect(cleaned.metadata).toEqual({ k: 1 });
    expect(cleaned.pageCount).toBe(5);
    // the input is left as it was
    expect(input.sections[0].text).toContain('欢迎选购');
  });

  it('keeps repeated lines of formats without pages, and code fences byte for byte', () => {
    const code = '```python\ndef  f(x):\n\n\n    return  x   # 注释，\n```';
    const sections = [1, 2, 3].map((n) => ({
      text: `共同的开头。\n第 ${n} 节的   正文，\n接着写。\n${code}\n结尾  文字`,
      page: null,
      headingPath: ['指南', `第 ${n} 节`],
    }));
    const cleaned = cleanDocument(doc('markdown', sections));
    expect(cleaned.sections).toHaveLength(3);
    expect(cleaned.sections[0]).toEqual({
      text: `共同的开头。\n第 1 节的 正文，接着写。\n${code}\n结尾 文字`,
      page: null,
      headingPath: ['指南', '第 1 节'],
    });
  });

  it('applies every text rule to each section and drops sections that end empty', () => {
    const cleaned = cleanDocument(
      doc('text', [
        {
          text: 'infor-\nmation\u0000 retrieval\r\nＲＡＧ\u3000检索   增强',
          page: null,
          headingPath: [],
        },
        { text: ' \u200b\ufeff \n\n', page: null, headingPath: [] },
      ]),
    );
    expect(cleaned.sections).toEqual([
      { text: 'information retrieval\nRAG 检索 增强', page: null, headingPath: [] },
    ]);
  });
});
