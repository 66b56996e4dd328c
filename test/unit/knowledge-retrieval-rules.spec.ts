import { isTableOfContentsPage } from '../../src/knowledge/cleaning';
import { stripQuestionFraming } from '../../src/knowledge/text-terms';

describe('question framing', () => {
  it('drops a RAG preamble and framing verbs, keeping the topic', () => {
    expect(
      stripQuestionFraming('请根据以下提供的上下文信息，推导出式(13.6)并解释其含义。'),
    ).not.toMatch(/上下文|根据|解释|含义/);
    expect(
      stripQuestionFraming('请根据以下提供的上下文信息，推导出式(13.6)并解释其含义。'),
    ).toContain('(13.6)');
    expect(stripQuestionFraming('根据所提供的上下文信息，描述凸优化问题的特点')).toContain(
      '凸优化问题的特点',
    );
  });

  it('keeps topic words that merely contain a framing word', () => {
    expect(stripQuestionFraming('信息增益和基尼指数有什么区别？')).toContain('信息增益');
    expect(stripQuestionFraming('What is the context window of a model?')).toContain(
      'context window',
    );
  });

  it('drops 请 as "please" only where it starts a clause: 请求 and 申请 are topics', () => {
    expect(stripQuestionFraming('把同一个请求的记录串起来，该看哪个请求头？')).toMatch(
      /请求.*请求头/,
    );
    expect(stripQuestionFraming('如何申请 API 密钥')).toContain('申请');
    expect(stripQuestionFraming('请你推导式 (3.7)。请给出结论')).not.toContain('请');
  });

  it('returns the question unchanged when nothing would be left', () => {
    expect(stripQuestionFraming('请解释')).toBe('请解释');
  });
});

describe('table-of-contents pages', () => {
  it('recognises a page of entries pointing at other pages', () => {
    const toc = [
      '第 1 章 绪论 … 1',
      '1.1 引言 … 1',
      '1.2 基本术语 … 2',
      '1.3 假设空间 … 4',
      '1.4 归纳偏好 … 5',
      '1.4.1 式 (1.1) 的解释 … 5',
    ].join('\n');
    expect(isTableOfContentsPage(toc)).toBe(true);
    const dotted = [
      'Introduction ........ 1',
      'Background ........ 4',
      'Method ........ 9',
      'Results ........ 15',
      'Discussion ........ 21',
    ].join('\n');
    expect(isTableOfContentsPage(dotted)).toBe(true);
  });

  it('keeps body text that mentions a few page numbers', () => {
    const body =
      '如第 3 页所述，泛化能力是关键。参见式 (2.1) … 以及后文。\n本节讨论假设空间 … 4\n其余内容照常展开，没有目录条目。\n更多正文。';
    expect(isTableOfContentsPage(body)).toBe(false);
  });
});
