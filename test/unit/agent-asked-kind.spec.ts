import { lackedKind, measuredWord } from '../../src/agent/extractive/asked-kind';
import { checkAnswer } from '../../src/agent/nodes/check-answer';
import type { AgentStateValue } from '../../src/agent/state';

describe('the kind of thing a question asks for', () => {
  it('finds a number missing from an answer to a how-many question', () => {
    const q = '笔记里说 GPT-4 具体有多少个参数？';
    expect(lackedKind(q, 'GPT-4 是 OpenAI 发布的多模态大模型。[1]')).toBe('number');
    expect(lackedKind(q, 'GPT-4 约有 1.8 万亿个参数。[1]')).toBeUndefined();
    expect(lackedKind('How many parameters does GPT-4 have?', 'It is large. [1]')).toBe('number');
    expect(lackedKind('How many parameters does GPT-4 have?', 'About two trillion. [1]')).toBe(
      undefined,
    );
  });
  it('counts a Chinese numeral that counts something, not 一 in any word', () => {
    expect(lackedKind('提示工程有几个基本原则？', '提示工程有两个基本原则。[1]')).toBeUndefined();
    expect(lackedKind('提示工程有几个基本原则？', '统一编写清晰的指令。[1]')).toBe('number');
  });
  it('wants a year for a which-year question, and never counts citation markers', () => {
    expect(lackedKind('GPT-4 是哪一年发布的？', 'GPT-4 由 OpenAI 发布。[1]')).toBe('year');
    expect(lackedKind('GPT-4 是哪一年发布的？', 'GPT-4 于 2024 年发布。[1]')).toBeUndefined();
    expect(lackedKind('2019 年的模型有多少层？', '2019 年发布。[1]')).toBe('number');
    expect(lackedKind('How many steps at most?', 'A bounded loop. [12]')).toBe('number');
  });
  it('asks nothing of questions that do not ask for a quantity', () => {
    expect(lackedKind('RAG 是什么？', '检索增强生成。[1]')).toBeUndefined();
    expect(lackedKind('模型几乎总是这样吗？', '是的。[1]')).toBeUndefined();
    expect(lackedKind('GPT-4 有多少参数？', '')).toBeUndefined();
  });
  it('reads 哪几种 as asking which kinds (a list), and 有几种 as asking how many', () => {
    const answer = '可以填写 extractive、openai:<model> 或 gguf。[1]';
    expect(lackedKind('QUARRY_MODEL 可以填写哪几种模型规格？', answer)).toBeUndefined();
    expect(lackedKind('QUARRY_MODEL 有几种模型规格？', answer)).toBe('number');
  });
  it('wants a version for a question asking which version, not the product named again', () => {
    const q = 'npm start 起的 Weaviate 服务器是哪个版本号？';
    expect(lackedKind(q, 'npm start 会启动 Weaviate 服务器。[1]')).toBe('version');
    // Neither a route (/v1), an address nor a count after a plain word is a version.
    expect(
      lackedKind(
        'Which version of Node.js does Quarry need?',
        'Keys of at least 16 characters. [1]',
      ),
    ).toBe('version');
    expect(lackedKind(q, 'GET /v1/system 经 127.0.0.1 返回状态。[1]')).toBe('version');
    expect(lackedKind(q, 'quarry setup 构建 Weaviate v1.38.11。[1]')).toBeUndefined();
    expect(
      lackedKind('Which version of Node.js does Quarry need?', 'Node.js 22 or later. [1]'),
    ).toBe(undefined);
    // A year asked of a version is a year question.
    expect(lackedKind('Quarry 的 1.0 版本是哪一年发布的？', '1.0 版本发布了。[1]')).toBe('year');
  });
  it('does not take a numbered chapter the question names for the number it asks', () => {
    const q = '第七章生成邮件时温度取的值是多少？';
    expect(lackedKind(q, '使用更高的温度（更多内容见第七章）。[1]')).toBe('number');
    expect(lackedKind(q, '第七章把温度设为三档中的最高一档，共有三种取值。[1]')).toBeUndefined();
  });

  it('names what the quantity counts, as a word', () => {
    expect(measuredWord('笔记里说 GPT-4 具体有多少个参数？')).toBe('参数');
    expect(measuredWord('How many parameters does GPT-4 have?')).toBe('parameters');
  });

  it('names the part of a two-part question that gets no number, and does not abstain on it', () => {
    const first = '邮件例子取的温度值是多少？';
    const question = `${first}订单摘要为什么改用低温度？`;
    const draft = '更高的温度让回复更多样。[1]低温度让输出更可预测。[2]';
    const state = { question, draft } as AgentStateValue;
    const out = checkAnswer.update(state, { answered: true, missing: [] });
    expect(out.lackedKind).toBe('');
    expect(out.answered).toBe(false);
    expect(out.missing).toHaveLength(1);
    expect(first).toContain((out.missing as string[])[0]);
    // With the number there, both parts stand.
    const answered = { question, draft: `温度设为 0.7。[1]${draft}` } as AgentStateValue;
    expect(checkAnswer.update(answered, { answered: true, missing: [] })).toEqual({
      answered: true,
      missing: [],
      lackedKind: '',
    });
    // One part asking how many, without a number: the agent abstains as before.
    const single = { question: first, draft } as AgentStateValue;
    expect(checkAnswer.update(single, { answered: true, missing: [] }).lackedKind).toBe('number');
    // Every part asks how many and none gets a number: nothing asked was answered.
    const both = { question: `${first}订单摘要的温度又是多少？`, draft } as AgentStateValue;
    expect(checkAnswer.update(both, { answered: true, missing: [] }).lackedKind).toBe('number');
  });
});
