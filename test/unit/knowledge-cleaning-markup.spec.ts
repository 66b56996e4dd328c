import { cleanDocument, stripHtml, stripMarkup } from '../../src/knowledge/cleaning';
import type { LoadedDocument } from '../../src/knowledge/types';

describe('stripMarkup', () => {
  it('removes HTML layout and keeps its text, a figure caption on its own line', () => {
    expect(stripMarkup('前文。\n<div align=center>图 1.7 温度系数 </div>\n后文。')).toBe(
      '前文。\n\n图 1.7 温度系数 \n\n后文。',
    );
    expect(stripHtml('<p>座椅采用<b>HD36</b>泡沫。</p>')).toBe('\n座椅采用HD36泡沫。\n');
  });

  it('puts each HTML table row on one line, its cells joined', () => {
    const table =
      '<table>\n<caption>产品尺寸</caption>\n<tr>\n<th>宽度</th>\n<td>20.87英寸</td>\n</tr>\n</table>';
    const lines = stripMarkup(table)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines).toEqual(['产品尺寸', '宽度 | 20.87英寸']);
  });

  it('leaves angle-bracket text that is not HTML: prompt placeholders, dialogue roles', () => {
    const text = '<孩子>: 请教我何为耐心。\nText: <text to summarize>';
    expect(stripMarkup(text)).toBe(text);
  });

  it('drops style and script elements with their content, and comments', () => {
    expect(stripHtml('a<style>p { color: red }</style>b<!-- note -->c')).toBe('abc');
  });

  it('turns Markdown emphasis, links, code spans, quotes and tables into text', () => {
    const md = [
      '> 这被称为**幻觉**（Hallucination），见[第二章](./2.md)。',
      '设置 `temperature` 为 ~~0~~ 0.7。',
      '![图 1](images/x.png)',
      '| 特征 | RAG | 微调 |',
      '| --- | :---: | --- |',
      '| 知识更新 | 直接更新检索知识库 | 重新训练 |',
      '---',
    ].join('\n');
    expect(stripMarkup(md).split('\n')).toEqual([
      '这被称为幻觉（Hallucination），见第二章。',
      '设置 temperature 为 0 0.7。',
      '',
      '特征 | RAG | 微调',
      '知识更新 | 直接更新检索知识库 | 重新训练',
    ]);
  });

  it('keeps identifiers with underscores and lone asterisks as they are', () => {
    expect(stripMarkup('x_i 和 y_i，a * b')).toBe('x_i 和 y_i，a * b');
  });
});

describe('cleanDocument and markup', () => {
  const doc = (format: LoadedDocument['format'], text: string): LoadedDocument => ({
    source: 's',
    title: 't',
    format,
    sections: [{ text, page: null, headingPath: [] }],
    pageCount: 1,
    metadata: {},
  });

  it('strips markup from Markdown prose but not inside code fences', () => {
    const text = '**粗体**正文。\n```html\n<div>code</div>\n```\n<div>尾</div>';
    expect(cleanDocument(doc('markdown', text)).sections[0].text).toBe(
      '粗体正文。\n```html\n<div>code</div>\n```\n尾',
    );
  });

  it('leaves plain text alone', () => {
    expect(cleanDocument(doc('text', '**a** <div>b</div>')).sections[0].text).toBe(
      '**a** <div>b</div>',
    );
  });
});
