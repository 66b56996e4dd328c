import { absentSpecificTerms, termSpellings } from '../../src/agent/extractive/evidence';
import { absentTermsQuery } from '../../src/agent/nodes/rewrite';
import { chunk } from './agent-fixtures';

const SEED = chunk(
  'seed',
  'OpenMEDLab 浦医是上海人工智能实验室发布的医疗 LLM 示例。勘误请提交到 GitHub 的 issue 区，编者 24 小时内回复。',
);

describe('spellings of a specific term', () => {
  it('counts the singular of a plural acronym or word, and a phrase written together', () => {
    expect(termSpellings('LLMs')).toEqual(['LLMs', 'LLM']);
    expect(termSpellings('GitHub Issues')).toEqual(
      expect.arrayContaining(['GitHub Issues', 'GitHub Issue', 'GitHubIssues', 'GitHub-Issue']),
    );
  });
  it('leaves identifiers, numbers and words that only end in s alone', () => {
    expect(termSpellings('frequency_penalty')).toEqual(['frequency_penalty']);
    expect(termSpellings('2019')).toEqual(['2019']);
    expect(termSpellings('bias')).toEqual(['bias']);
    expect(termSpellings('class')).toEqual(['class']);
  });
});

describe('absent specific terms', () => {
  it('finds a term the passage writes in another form (LLMs against LLM)', () => {
    expect(
      absentSpecificTerms('Which lab built OpenMEDLab, the example of LLMs in medicine?', [SEED]),
    ).toEqual([]);
  });
  it('still names a term no form of which is held', () => {
    expect(absentSpecificTerms('OpenMEDLab 和 LoRA 有什么关系？', [SEED])).toEqual(['LoRA']);
  });
});

describe('the search for absent terms', () => {
  const task = { question: 'LoRA 的秩取多少？', previousQueries: [], chunks: [], grades: {} };
  it('searches for exactly the absent terms, with no model asked', () => {
    expect(absentTermsQuery({ ...task, absentTerms: ['LoRA', 'QLoRA'] })).toBe('LoRA QLoRA');
  });
  it('leaves the query to the other rewrites when no term is absent', () => {
    expect(absentTermsQuery({ ...task, absentTerms: [] })).toBeUndefined();
    expect(absentTermsQuery(task)).toBeUndefined();
  });
});
