import { DEFAULT_EXTRACTIVE_OPTIONS } from '../../../src/agent';
import { absentSpecificTerms } from '../../../src/agent/extractive/evidence';
import { specificTerms } from '../../../src/agent/extractive/question';
import { checkCoverage } from '../../../src/agent/nodes/check-answer';
import { targetedQuery } from '../../../src/agent/nodes/rewrite';
import { chunk, PROMPT_ZH, RAG_ZH } from '../agent-fixtures';

const options = DEFAULT_EXTRACTIVE_OPTIONS;

describe('abstention on specific terms', () => {
  it('finds the specific terms of a question: identifiers, names, numbers, quoted terms', () => {
    expect(specificTerms('frequency_penalty 参数的默认值是多少？')).toEqual(['frequency_penalty']);
    expect(specificTerms('LoRA 微调需要多少显存？')).toEqual(['LoRA']);
    expect(specificTerms('GPT-4 是哪一年发布的？')).toEqual(['GPT-4']);
    expect(specificTerms('书中 2019 年提到的“反向传播”指什么？')).toEqual(['2019', '反向传播']);
    // A variable or an ordinal names nothing.
    expect(specificTerms('第 2 章里 K 取多少？')).toEqual([]);
    // A command's flag is an identifier even in plain words; the command is a phrase.
    expect(specificTerms('quarry ingest 的 --watch 选项怎么用？')).toEqual([
      'quarry ingest',
      'watch',
    ]);
    expect(specificTerms('What does the --dry-run flag print?')).toEqual(['dry-run']);
    // A plain word the question calls a parameter or an option names an identifier.
    expect(specificTerms('课程里怎样用 suffix 参数补全文本？')).toEqual(['suffix']);
    expect(specificTerms('课程里 prompt 写得越长越好吗？')).toEqual([]);
  });

  it('names the specific terms nothing retrieved mentions, as words', () => {
    const chunks = [RAG_ZH, PROMPT_ZH];
    expect(absentSpecificTerms('检索增强生成里 LoRA 的秩一般取多少？', chunks)).toEqual(['LoRA']);
    expect(absentSpecificTerms('RAG 如何减少幻觉？', chunks)).toEqual([]);
    expect(absentSpecificTerms('What is frequency_penalty in RAG?', chunks)).toEqual([
      'frequency_penalty',
    ]);
  });

  it('after a search again, counts a passage naming the term when it is about that part', () => {
    const deepseek = chunk(
      'providers-en',
      'For DeepSeek chat, set QUARRY_OPENAI_BASE_URL=https://api.deepseek.com/v1 as the base URL.',
    );
    const bar = options.relevanceThreshold;
    // Off the whole question's topic (threads, vector sizes), on the topic of the part naming it.
    const question =
      '本地嵌入模型用几个线程、向量维度是多少？接 DeepSeek 聊天时 base URL 又填什么？';
    expect(absentSpecificTerms(question, [deepseek], { onTopic: bar })).toEqual([]);
    expect(
      absentSpecificTerms('DeepSeek 的嵌入模型用几个线程、向量维度是多少？', [deepseek], {
        onTopic: bar,
      }),
    ).toEqual(['DeepSeek']);
  });

  it('holds a person named in full where a Chinese passage writes the surname alone', () => {
    const talk = chunk('talk', '乔布斯当时在大学学了一门书法课，后来在设计字体时起了作用。');
    expect(
      absentSpecificTerms('Which course of Steve Jobs does the talk bring up?', [talk]),
    ).toEqual([]);
    expect(
      absentSpecificTerms('Which course of Steve Wozniak does the talk bring up?', [talk]),
    ).toEqual(['Steve', 'Wozniak']);
  });

  it('holds a flag only where a page writes it as a flag', () => {
    const prose = chunk('ops-en', 'The dashboard loads nothing from a CDN, so it works offline.');
    const cli = chunk(
      'cli-en',
      'Run quarry ingest --sync ./docs to make the base match the folder.',
    );
    expect(absentSpecificTerms('仪表盘的 --offline 选项怎么用？', [prose])).toEqual(['offline']);
    expect(absentSpecificTerms('quarry ingest 的 --sync 会删除什么？', [cli])).toEqual([]);
    expect(absentSpecificTerms('仪表盘断网时 offline 还能用吗？', [prose])).toEqual([]);
  });

  it('does not require an acronym every technical text has, nor the launcher of a command', () => {
    expect(specificTerms('模型服务返回哪些 HTTP 状态码时任务会失败？')).toEqual([]);
    expect(specificTerms('Which HTTP status codes fail a task?')).toEqual([]);
    const tasks = chunk(
      'tasks-en',
      'The CLI sends the key in QUARRY_API_KEY when you run quarry ask.',
    );
    expect(absentSpecificTerms('npx quarry ask 从哪个环境变量取密钥？', [tasks])).toEqual([]);
    expect(absentSpecificTerms('npx quarry export 从哪个环境变量取密钥？', [tasks])).toEqual([
      'npx quarry export',
    ]);
  });

  it('lists what an answer lacks as words, never character bigrams', () => {
    const check = checkCoverage(
      { question: '什么是检索增强生成？提示工程的分隔符有什么用？', draft: RAG_ZH.text },
      { options },
    );
    expect(check.answered).toBe(false);
    expect(check.missing).toEqual(expect.arrayContaining(['提示', '分隔符']));
    for (const m of check.missing) expect(RAG_ZH.text.includes(m)).toBe(false);
    expect(check.missing).not.toContain('示工');
  });
});

describe('the rewrite after an answer check', () => {
  it('searches for the part of a two-part question that the answer lacks', () => {
    const query = targetedQuery({
      question: '什么是检索增强生成？提示工程研究什么？',
      previousQueries: ['什么是检索增强生成？提示工程研究什么？'],
      chunks: [RAG_ZH],
      grades: {},
      missing: ['提示', '工程'],
    });
    expect(query).toContain('提示工程');
    expect(query).not.toContain('检索增强生成');
  });

  it('searches for the part that names a term nothing retrieved mentions', () => {
    const query = targetedQuery({
      question: '嵌入接口的地址填在哪个变量里？接 DeepSeek 时 base URL 又填什么？',
      previousQueries: ['嵌入接口的地址填在哪个变量里？接 DeepSeek 时 base URL 又填什么？'],
      chunks: [],
      grades: {},
      missing: ['DeepSeek'],
    });
    expect(query).toContain('DeepSeek');
    expect(query).not.toContain('嵌入');
  });

  it('has nothing to target when the check named nothing missing', () => {
    expect(
      targetedQuery({ question: 'RAG 是什么？', previousQueries: [], chunks: [], grades: {} }),
    ).toBeUndefined();
  });
});

describe('numbers that count or label', () => {
  it('are not specific terms: 第11问, Question 10', () => {
    // The ordinal is no term; the parameter it asks about is one.
    expect(specificTerms('第11问：alpha 参数决定什么？')).toEqual(['alpha']);
    expect(specificTerms('Question 10: what happens when a worker crashes?')).toEqual([]);
    expect(specificTerms('Quarry 在 2024 年发布了什么？')).toEqual(['Quarry', '2024']);
  });
});
