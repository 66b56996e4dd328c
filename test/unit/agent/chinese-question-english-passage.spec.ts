import { DEFAULT_EXTRACTIVE_OPTIONS } from '../../../src/agent';
import { composeAnswer } from '../../../src/agent/extractive/compose';
import { absentSpecificTerms, wordsInOneSentence } from '../../../src/agent/extractive/evidence';
import { englishMentions, englishReading } from '../../../src/agent/extractive/english-reading';
import { chunk } from '../agent-fixtures';

const options = DEFAULT_EXTRACTIVE_OPTIONS;

describe('an English sentence read for a Chinese question', () => {
  it('meets a gloss in an inflected form and a word through its dictionary Chinese', () => {
    const reading = englishReading('It rewrites a query by adding the distinctive terms.');
    expect(reading).not.toBeNull();
    if (!reading) return;
    expect(englishMentions(['改写', 'rewrite'], reading)).toBe(true);
    expect(englishMentions(['查询', 'check', 'inquire'], reading)).toBe(true);
    expect(englishMentions(['日志', 'log', 'journal'], reading)).toBe(false);
  });

  it('leaves a Chinese sentence to its own words', () => {
    expect(englishReading('检索增强生成是一种方法。')).toBeNull();
  });
});

describe('a phrase of a Chinese question written otherwise by the page', () => {
  const page = chunk(
    'models-en',
    "The npm install keeps only llama.cpp's CPU build for x64; removing the overrides in package.json brings back its CUDA and Vulkan builds.",
  );

  it('is held by one sentence with all its words', () => {
    expect(
      absentSpecificTerms('npm 安装时只保留了 llama.cpp 的 x64 CPU 构建，要去掉什么？', [page]),
    ).toEqual([]);
  });

  it('is not held when its words are in different sentences', () => {
    expect(wordsInOneSentence('x64 GPU', 'It runs on x64. A GPU is optional.')).toBe(false);
  });

  it('is not loosened for a command of plain words', () => {
    const text = 'On quarry start, ingest this handbook into a knowledge base.';
    expect(wordsInOneSentence('quarry ingest', text)).toBe(false);
  });
});

describe('a Chinese question whose answer is in an English passage among Chinese ones', () => {
  const zh = chunk(
    'cli-zh',
    '命令行工具提示无法连接时以非零状态退出。先用 npm start 启动它，再重新提问。用 quarry ask 提问时可以加上 --research。',
  );
  const en = chunk(
    'cli-en',
    'The command prints each step as it runs. It exits with status 0 only when the task completed.',
  );

  it('quotes the English passage’s best sentence beside the Chinese ones', async () => {
    const { draft, citations } = await composeAnswer(
      '用 quarry ask 命令提问，命令行什么情况下才以状态 0 退出？',
      [zh, en],
      options,
    );
    expect(draft).toContain('exits with status 0 only when the task completed');
    expect(citations.map((c) => c.chunkId)).toContain('cli-en');
  });
});
