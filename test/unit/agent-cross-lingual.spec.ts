import { DEFAULT_EXTRACTIVE_OPTIONS } from '../../src/agent';
import { composeAnswer } from '../../src/agent/extractive/compose';
import { questionConcepts } from '../../src/agent/extractive/question';
import { checkCoverage } from '../../src/agent/nodes/check-answer';
import { chunk, RAG_ZH } from './agent-fixtures';

const options = DEFAULT_EXTRACTIVE_OPTIONS;

const LOGGING_EN = chunk(
  'logging-en',
  [
    'Quarry writes its logs as JSON lines with pino.',
    'The log level defaults to info; set QUARRY_LOG_LEVEL to change it.',
    'Each request carries an x-request-id header.',
  ].join(' '),
);

describe('a Chinese question over an English passage', () => {
  it('spells each Chinese word of the question in English too', () => {
    const concepts = questionConcepts('Quarry 的日志默认是什么级别？');
    const log = concepts.find((c) => c[0] === '日志');
    expect(log).toEqual(expect.arrayContaining(['log', 'logs']));
    expect(concepts.find((c) => c[0] === '级别')).toContain('level');
  });

  it('quotes the English sentence that answers it', async () => {
    const { draft, citations } = await composeAnswer(
      '日志默认是什么级别？',
      [RAG_ZH, LOGGING_EN],
      options,
    );
    expect(draft.startsWith('The log level defaults to info')).toBe(true);
    expect(citations.map((c) => c.chunkId)).toEqual(['logging-en']);
  });

  it('counts an English answer as covering the Chinese question', () => {
    const check = checkCoverage(
      { question: 'Quarry 的日志默认是什么级别？', draft: 'The log level defaults to info.' },
      { options },
    );
    expect(check).toEqual({ answered: true, missing: [] });
  });
});

describe('an English question over a Chinese passage', () => {
  const CITATIONS_ZH = chunk(
    'citations-zh',
    [
      '研究任务的报告由摘要、各子问题的发现和参考文献组成。',
      '报告中的引用在整份报告范围内重新编号，同一个来源只列一次。',
      '报告以 Markdown 格式返回。',
    ].join(''),
  );

  it('reads a word in its technical senses too, not only its everyday ones', () => {
    const number = questionConcepts('How does a report number its citations?').find(
      (c) => c[0] === 'number',
    );
    expect(number).toContain('编号');
  });

  it('quotes the Chinese sentence its words reach through the glossary', async () => {
    const { draft } = await composeAnswer(
      'How does a research report number its citations?',
      [CITATIONS_ZH],
      options,
    );
    expect(draft.startsWith('报告中的引用在整份报告范围内重新编号')).toBe(true);
  });
});

describe('where an English question looks', () => {
  const words = (q: string) => questionConcepts(q).map((c) => c[0]);

  it('does not ask for the words that name the chapter or talk', () => {
    expect(
      words('In the chatbot chapter, why does the model forget the user’s name?'),
    ).not.toContain('chatbot');
    expect(words('What does the text transforming chapter install?')).toEqual(['install']);
  });

  it('keeps a name that only sits before the place word, and every word when nothing else is left', () => {
    expect(words('Which laboratory built the OpenMEDLab model that the note mentions?')).toContain(
      'openmedlab',
    );
    expect(words('What is in the chatbot chapter?')).toContain('chatbot');
  });
});
