import {
  absentSpecificTerms,
  nameInPhrases,
  termSpellings,
  topicConcepts,
} from '../../src/agent/extractive/evidence';
import { specificTerms } from '../../src/agent/extractive/question';
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

describe('names written in Chinese, and quotes cut short', () => {
  const dictionary = new Map([
    ['markov process', ['马尔可夫过程']],
    ['process', ['过程', '处理']],
    ['bayes theorem', ['贝叶斯定理']],
    ['theorem', ['定理']],
    ['turing', ['图灵']],
    ['turing test', ['图灵测试']],
    ['test', ['测试']],
  ]);
  it('spells a name the dictionary has only inside phrases as those phrases write it', () => {
    expect(nameInPhrases('markov', dictionary)).toEqual(['马尔可夫']);
    expect(nameInPhrases('bayes', dictionary)).toEqual(['贝叶斯']);
    // A word with its own entry is translated by it, not guessed from phrases.
    expect(nameInPhrases('turing', dictionary)).toEqual([]);
  });
  it('finds an English name in the Chinese passage that spells it in Han characters', () => {
    const field = chunk('mrf', '本节介绍无向图模型的著名代表之一：马尔可夫随机场。');
    expect(
      absentSpecificTerms('A Markov random field represents which kind of graphical model?', [
        field,
      ]),
    ).toEqual([]);
  });
  it('takes a quote cut short by an ellipsis as the words before it', () => {
    expect(specificTerms('把“小老弟，我小羊……”改写成商务信函的例子中，写信人想确认什么？')).toEqual(
      ['小老弟，我小羊'],
    );
    const letter = chunk(
      'letter',
      '原文：“小老弟，我小羊，上回你说咱部门要采购的显示器是多少寸？”',
    );
    expect(absentSpecificTerms('把“小老弟，我小羊……”改写成商务信函', [letter])).toEqual([]);
  });
});

describe('a passage naming the term must be about the rest of the question', () => {
  const READING_LIST = chunk(
    'reading',
    '推荐阅读：Sutton 与 Barto 合著的教材，以及李宏毅的课程讲义。',
  );
  const ON_TOPIC = chunk('rate', 'Sutton 在书中建议学习率取 0.1，并随训练逐步减小。');
  const question = 'Sutton 建议的学习率一般取多少？';

  it('leaves out the specific terms from what the rest of the question is about', () => {
    expect(topicConcepts(question).map((c) => c[0])).toEqual(['建议', '学习', '一般']);
    expect(topicConcepts('Sam Altman 对 GPT-4 有哪些评价？').map((c) => c[0])).toEqual(['评价']);
  });
  it('counts a term named only in an unrelated passage as absent when on-topic is asked', () => {
    expect(absentSpecificTerms(question, [READING_LIST])).toEqual([]);
    expect(absentSpecificTerms(question, [READING_LIST], { onTopic: 0.34 })).toEqual(['Sutton']);
  });
  it('counts it present in a passage that also covers the rest of the question', () => {
    expect(absentSpecificTerms(question, [READING_LIST, ON_TOPIC], { onTopic: 0.34 })).toEqual([]);
  });
  it('has nothing to check when the question is only its terms', () => {
    expect(absentSpecificTerms('Sutton？', [READING_LIST], { onTopic: 0.34 })).toEqual([]);
  });
});
