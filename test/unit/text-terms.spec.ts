import { searchTerms, termsString } from '../../src/knowledge/text-terms';

describe('searchTerms', () => {
  it('segments Chinese with jieba and adds overlapping character bigrams', () => {
    const terms = searchTerms('机器学习是人工智能的分支');
    // jieba search-mode words, including the sub-words of 人工智能
    expect(terms).toEqual(
      expect.arrayContaining(['机器', '学习', '人工', '智能', '人工智能', '分支']),
    );
    // bigrams, including ones jieba does not produce as words
    expect(terms).toEqual(expect.arrayContaining(['器学', '工智']));
    // stopwords dropped, and no bigram spans them
    expect(terms).not.toContain('是');
    expect(terms).not.toContain('的');
    expect(terms).not.toContain('习是');
    expect(terms).not.toContain('能的');
  });

  it('keeps a single meaningful character and a two-character query as its own bigram', () => {
    expect(searchTerms('熵')).toEqual(['熵']);
    expect(searchTerms('瓜书')).toContain('瓜书');
  });

  it('lowercases English, drops punctuation and stopwords', () => {
    expect(searchTerms('The Quick brown fox, jumps over the lazy dog!')).toEqual([
      'quick',
      'brown',
      'fox',
      'jumps',
      'over',
      'lazy',
      'dog',
    ]);
  });

  it('keeps technical tokens whole and also adds their parts', () => {
    const terms = searchTerms('GPT-4 beats BM25 on x_i, see node.js v1.5 and C++; pi is 3.14.');
    expect(terms).toEqual(
      expect.arrayContaining(['gpt-4', 'gpt', '4', 'bm25', 'x_i', 'x', 'node.js', 'node', 'js']),
    );
    expect(terms).toEqual(expect.arrayContaining(['v1.5', 'c++', '3.14']));
    expect(terms).not.toContain('14');
    expect(terms).not.toContain('i');
  });

  it('handles mixed Chinese and English, and full-width forms', () => {
    const terms = searchTerms('支持向量机（ＳＶＭ）用于 RAG 检索');
    expect(terms).toEqual(expect.arrayContaining(['支持', '向量', '量机', 'svm', 'rag', '检索']));
    expect(terms.some((t) => /[（）()]/.test(t))).toBe(false);
  });

  it('keeps term frequency (repeats) and returns nothing for punctuation and stopwords only', () => {
    expect(searchTerms('apple apple')).toEqual(['apple', 'apple']);
    expect(searchTerms('的了是，。!? the a')).toEqual([]);
  });

  it('termsString joins with single spaces (the property is whitespace-tokenized)', () => {
    expect(termsString('Hello, 世界')).toBe(searchTerms('Hello, 世界').join(' '));
    expect(termsString('x  y')).not.toMatch(/\s{2}/);
  });
});
