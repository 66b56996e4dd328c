import { DEFAULT_EXTRACTIVE_OPTIONS, splitDraft } from '../../src/agent';
import { composeAnswer } from '../../src/agent/extractive/compose';
import { answerTypes } from '../../src/agent/extractive/question';
import { aboutTheDocument } from '../../src/agent/extractive/scoring';
import { chunkUnits } from '../../src/agent/extractive/units';
import { chunk, PROMPT_ZH, RAG_ZH } from './agent-fixtures';

const options = DEFAULT_EXTRACTIVE_OPTIONS;

const TABLE = chunk(
  'table',
  [
    'RAG 与微调的比较如下。',
    '特征比较 | RAG | 微调',
    '知识更新 | 直接更新检索知识库，无需重新训练。 | 需要重新训练模型。',
    '可解释性 | 答案能追溯到具体文档。 | 可解释性较低。',
  ].join('\n'),
);

const LEAD_IN = chunk(
  'lead-in',
  [
    '提示工程有两个基本原则：',
    '- 编写清晰、具体的指令',
    '- 给模型充足的思考时间',
    '图 1.7 温度系数',
    '本章的其余部分逐一讲解。',
  ].join('\n'),
  null,
);

const HEADED = {
  ...chunk(
    'headed',
    '2.1 RAG 的优势\n检索增强生成的优势在于知识可以随时更新，而不必重新训练模型。',
  ),
  headingPath: ['第二章 检索增强生成', '2.1 RAG 的优势'],
};

describe('the quotable units of a chunk', () => {
  it('keeps table rows as separate items, each a readable line of its own', () => {
    const units = chunkUnits(TABLE);
    const rows = units.filter((u) => u.kind === 'item').map((u) => u.text);
    expect(rows).toContain('知识更新 | 直接更新检索知识库，无需重新训练。 | 需要重新训练模型。');
    expect(rows).toContain('可解释性 | 答案能追溯到具体文档。 | 可解释性较低。');
    // No unit runs two rows together.
    expect(units.some((u) => u.text.includes('知识更新') && u.text.includes('可解释性'))).toBe(
      false,
    );
  });

  it('groups a lead-in ending in a colon with the list items it introduces', () => {
    const group = chunkUnits(LEAD_IN).find((u) => u.kind === 'group');
    expect(group?.text).toBe(
      '提示工程有两个基本原则：\n• 编写清晰、具体的指令\n• 给模型充足的思考时间',
    );
  });

  it('never makes a unit of a heading or a figure caption', () => {
    const texts = [...chunkUnits(LEAD_IN), ...chunkUnits(HEADED)].map((u) => u.text);
    expect(texts.some((t) => t.includes('图 1.7'))).toBe(false);
    expect(texts.some((t) => t.startsWith('2.1'))).toBe(false);
    expect(texts).toContain('检索增强生成的优势在于知识可以随时更新，而不必重新训练模型。');
  });

  it('reads a numbered title with a parenthetical gloss as a heading, not as list item "4 …"', () => {
    const numbered = chunk(
      'numbered',
      [
        '1.4 提供少量示例（少样本提示词，Few-shot prompting）',
        '2.1 检索增强生成（RAG）',
        '第 12 章 计算学习理论',
        '即在要求模型执行实际任务之前，给模型一两个已完成的样例，让模型了解我们的要求和期望的输出样式。',
        '1. 编写清晰、具体的指令，让模型知道要做什么',
      ].join('\n'),
    );
    const texts = chunkUnits(numbered).map((u) => u.text);
    expect(texts.some((t) => t.includes('提供少量示例') || t.includes('检索增强生成（RAG）'))).toBe(
      false,
    );
    // A PDF's chapter title keeps the spaces its text layer put around the number.
    expect(texts.some((t) => t.includes('计算学习理论'))).toBe(false);
    expect(texts).toContain(
      '即在要求模型执行实际任务之前，给模型一两个已完成的样例，让模型了解我们的要求和期望的输出样式。',
    );
    // A one-level number is still a list item.
    expect(texts).toContain('编写清晰、具体的指令，让模型知道要做什么');
  });

  it('keeps a sentence that starts with a number and ends like a sentence', () => {
    const texts = chunkUnits(chunk('factor', '1.5 倍的上下文长度让模型能读完整章内容。')).map(
      (u) => u.text,
    );
    expect(texts).toContain('1.5 倍的上下文长度让模型能读完整章内容。');
  });

  it('cuts a long English sentence at its commas, not between two words of a phrase', () => {
    const long = chunk(
      'long',
      'The built-in engine needs no model. It rewrites a query by adding the distinctive terms of the best chunks, and it builds the answer from the best-supported sentences of the relevant chunks, each followed by its citation.',
    );
    expect(chunkUnits(long).map((u) => u.text)).toEqual([
      'The built-in engine needs no model.',
      'It rewrites a query by adding the distinctive terms of the best chunks,',
      'and it builds the answer from the best-supported sentences of the relevant chunks, each followed by its citation.',
    ]);
  });

  it('leaves code out but keeps the prose around it', () => {
    const code = chunk(
      'code',
      '调用接口时把温度设为 0，输出更稳定。\n```python\nresponse = get_completion(prompt, temperature=0)\nprint(response)\n```',
    );
    const texts = chunkUnits(code).map((u) => u.text);
    expect(texts).toEqual(['调用接口时把温度设为 0，输出更稳定。']);
  });
});

describe('composing an answer', () => {
  it('answers a list question with the lead-in and its items, as separate readable lines', async () => {
    const { draft, citations } = await composeAnswer(
      '提示工程的基本原则有哪些？',
      [LEAD_IN, RAG_ZH],
      options,
    );
    expect(draft).toContain(
      '提示工程有两个基本原则：\n• 编写清晰、具体的指令\n• 给模型充足的思考时间',
    );
    expect(draft).not.toContain('图 1.7');
    expect(citations.map((c) => c.chunkId)).toEqual(['lead-in']);
  });

  it('quotes a lead-in with what it introduces, whatever the question asks for', async () => {
    const { draft } = await composeAnswer('提示工程有几个基本原则？', [LEAD_IN], options);
    expect(draft).toContain(
      '提示工程有两个基本原则：\n• 编写清晰、具体的指令\n• 给模型充足的思考时间',
    );
  });

  it('reads "What roles…" as asking for a list, "What does…" and "What happens…" not', () => {
    expect(answerTypes('What roles does a Quarry agent have?')).toContain('list');
    expect(answerTypes('Which states can a Quarry task be in?')).toContain('list');
    expect(answerTypes('What does the grader do?')).not.toContain('list');
    expect(answerTypes('What happens when a worker dies?')).not.toContain('list');
    expect(answerTypes('What status does the API return?')).not.toContain('list');
  });

  it('quotes the table row that answers, not the table run together', async () => {
    const { draft } = await composeAnswer('RAG 的知识更新有什么特点？', [TABLE], options);
    expect(draft).toContain('知识更新 | 直接更新检索知识库，无需重新训练。 | 需要重新训练模型。');
    expect(draft).not.toMatch(/特征比较.*知识更新/);
  });

  it('gives each part of a two-part question its own best sentence', async () => {
    const { draft, citations } = await composeAnswer(
      '什么是检索增强生成？提示工程研究什么？',
      [RAG_ZH, PROMPT_ZH],
      options,
    );
    expect(citations.map((c) => c.chunkId).sort()).toEqual(['prompt-zh', 'rag-zh']);
    expect(draft).toContain('提示工程研究如何编写清晰具体的指令。');
  });

  it('stops at a length a reader takes in at a glance', async () => {
    const long = chunk(
      'long',
      Array.from(
        { length: 12 },
        (_, i) => `检索增强生成的第${i + 1}个要点是把检索结果交给模型第${i + 1}次。`,
      ).join(''),
    );
    const { draft } = await composeAnswer('检索增强生成的要点是什么？', [long], options);
    const text = splitDraft(draft)
      .map((s) => s.text)
      .join('');
    expect(text.length).toBeLessThanOrEqual(options.maxAnswerChars);
    // The best unit's successor comes beside the usual count (see below).
    expect(splitDraft(draft).length).toBeLessThanOrEqual(options.maxSentences + 1);
  });
});

describe('choosing the sentence that answers', () => {
  const LEAD = chunk(
    'chapter-lead',
    '本章讨论了设计高效 Prompt 的两个关键原则：编写清晰、具体的指令和给予模型充足思考时间。',
  );
  const BODY = chunk(
    'chapter-body',
    '编写清晰、具体的指令时，要把语言模型想象成一位来自外星球的新朋友，它对人类常识一无所知。',
  );

  it('does not quote a sentence that describes the chapter rather than stating a fact', async () => {
    const { draft } = await composeAnswer(
      '编写清晰、具体的指令这条原则，建议把语言模型想象成什么？',
      [LEAD, BODY],
      options,
    );
    expect(draft).toContain('外星球的新朋友');
    expect(draft).not.toContain('本章讨论了');
  });

  it('puts the table row before a sentence pointing to the table', async () => {
    const table = chunk(
      'table-pointer',
      [
        'RAG 和微调的对比可以参考下表(表格来源[1])',
        '数据处理 | 对数据的处理要求极低。 | 依赖高质量的数据集。',
      ].join('\n'),
    );
    const { draft } = await composeAnswer(
      'RAG 和微调的对比表里，在数据处理这一项上，微调依赖什么？',
      [table],
      options,
    );
    // The pointer shares the question's words, the row answers it: the row comes first.
    expect(splitDraft(draft)[0]?.text).toContain('依赖高质量的数据集');
  });

  it('tells a sentence about the document from one stating a fact about its content', () => {
    expect(aboutTheDocument('本章以产品说明书生成营销文案为例，展示 Prompt 迭代优化的思路。')).toBe(
      true,
    );
    expect(aboutTheDocument('In this chapter we look at how to summarize text.')).toBe(true);
    expect(aboutTheDocument('RAG 和 微调的对比可以参考下表(表格来源[1][2])')).toBe(true);
    // The chapter's content as the subject of a fact: 本节介绍的三种方法分别对应…
    expect(
      aboutTheDocument(
        '本节介绍的三种划分选择方法分别对应著名的 ID3、C4.5 和 CART 三种决策树算法。',
      ),
    ).toBe(false);
    expect(aboutTheDocument('Quarry keeps only SHA-256 hashes of the keys.')).toBe(false);
  });

  it('still quotes a chapter lead-in when the question asks what the chapter covers', async () => {
    const lead = chunk('section-lead', '本节介绍了 3 种模型评估方法：留出法、交叉验证法、自助法。');
    const other = chunk('section-other', '模型评估方法的选择取决于数据集的大小和计算开销。');
    const { draft } = await composeAnswer(
      '南瓜书第 2 章介绍了哪几种模型评估方法？',
      [other, lead],
      options,
    );
    expect(splitDraft(draft)[0]?.text).toContain('留出法、交叉验证法、自助法');
  });

  it('adds the sentence after the one that restates the question: the answer often follows', async () => {
    const derivation = chunk(
      'derivation',
      [
        '线性回归的闭式解很少见，推导之前先重点说明一下闭式解的别的叫法。',
        '它也称为“解析解”，可以用公式直接算出。',
        '下面开始推导式 (3.5)。',
      ].join(''),
    );
    const { draft } = await composeAnswer(
      '线性回归的闭式解还有什么别的叫法？',
      [derivation],
      options,
    );
    expect(draft).toContain('解析解');
    // The answer stops at the sentence after: not the rest of the chunk.
    expect(draft).not.toContain('推导式 (3.5)');
  });
});
