import {
  chineseEnglishDictionary,
  withGlossesFirst,
} from '../../src/knowledge/text-terms/chinese-english-dictionary';
import { chineseTermsFor, englishConcepts } from '../../src/knowledge/text-terms/cross-lingual';
import {
  englishChineseDictionary,
  withGlossaryFirst,
} from '../../src/knowledge/text-terms/english-chinese-dictionary';
import { technicalEntries } from '../../src/knowledge/text-terms/technical-glossary';

describe('the technical glossary', () => {
  it('puts its word first for its own English only, keeping the dictionary’s others behind', () => {
    const dictionary = new Map([
      ['agent', ['主体', '中介']],
      ['subject', ['主体']],
    ]);
    const merged = withGlossaryFirst(dictionary, [['智能體', '智能体', '', ['agent']]]);
    expect(merged.get('agent')).toEqual(['智能体', '主体', '中介']);
    expect(merged.get('subject')).toEqual(['主体']);
    expect(dictionary.get('agent')).toEqual(['主体', '中介']);
  });

  it('puts its senses of a Chinese word before the dictionary’s, without repeating one', () => {
    const index = new Map([['提示', ['hint', 'prompt', 'to point out']]]);
    const merged = withGlossesFirst(index, [['', '提示', '', ['prompt', 'prompts']]]);
    expect(merged.get('提示')).toEqual(['prompt', 'prompts', 'hint', 'to point out']);
  });

  it('is one Chinese word of two or more characters and some English per line', () => {
    const entries = technicalEntries();
    expect(entries.length).toBeGreaterThan(100);
    for (const [, simplified, , senses] of entries) {
      expect(simplified).toMatch(/^\p{Script=Han}{2,}$/u);
      expect((senses as string[]).every((s) => /^[a-z][a-z0-9 '-]*$/.test(s))).toBe(true);
    }
  });

  it('reaches the Chinese a technical passage writes from an English question', () => {
    expect(englishChineseDictionary().get('agent')?.[0]).toBe('智能体');
    expect(englishChineseDictionary().get('reinforcement learning')?.[0]).toBe('强化学习');
    const concepts = englishConcepts('How many sub-questions does a research task answer at once?');
    expect(concepts.find((c) => c.english === 'sub-questions')?.chinese).toContain('子问题');
    expect(chineseTermsFor('Which distance is used in hierarchical clustering?')).toContain(
      '层次聚类',
    );
  });

  it('glosses a Chinese technical word with the English a passage uses', () => {
    expect(chineseEnglishDictionary().get('智能体')?.[0]).toBe('agent');
    expect(chineseEnglishDictionary().get('文本块')).toContain('chunk');
  });

  it('knows the words of software documentation, in the sense such a page uses them', () => {
    expect(chineseEnglishDictionary().get('改写')?.[0]).toBe('rewrite');
    expect(chineseEnglishDictionary().get('查询')?.[0]).toBe('query');
    expect(chineseEnglishDictionary().get('状态')).toContain('status');
    expect(englishChineseDictionary().get('status code')).toEqual(['状态码']);
    expect(englishChineseDictionary().get('offline')?.[0]).toBe('离线');
    // A word with a general sense keeps it ahead of the software one.
    expect(englishChineseDictionary().get('process')?.slice(0, 2)).toEqual(['过程', '进程']);
    expect(englishChineseDictionary().get('field')?.slice(0, 2)).toEqual(['领域', '字段']);
  });
});
