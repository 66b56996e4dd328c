import { MockActivityEnvironment } from '@temporalio/testing';
import type { ModelRole } from '../../src/config/config';
import type { ChatModelFactory } from '../../src/models/chat';
import { constantChat, type SeenCall } from '../support/scripted-chat-model';
import { cleanPlan, planByClauses } from '../../src/research/plan';
import { createResearchActivities } from '../../src/research/research.activities';

describe('research plan: planByClauses', () => {
  it('splits at question marks and semicolons, Chinese and English', () => {
    expect(planByClauses('混合检索的 alpha 参数有什么作用？工作进程崩溃时会怎样？', 5)).toEqual([
      '混合检索的 alpha 参数有什么作用？',
      '工作进程崩溃时会怎样？',
    ]);
    expect(planByClauses('What is BM25; what is HNSW?', 5)).toEqual([
      'What is BM25?',
      'What is HNSW?',
    ]);
  });

  it('splits at joining words between two asks', () => {
    expect(planByClauses('什么是留出法以及什么是交叉验证法？', 5)).toEqual([
      '什么是留出法？',
      '什么是交叉验证法？',
    ]);
    expect(planByClauses('检查点存在哪里并且谁负责保存？', 5)).toEqual([
      '检查点存在哪里？',
      '谁负责保存？',
    ]);
    expect(planByClauses('What is BM25 and how does HNSW work?', 5)).toEqual([
      'What is BM25?',
      'How does HNSW work?',
    ]);
    expect(planByClauses('留出法和交叉验证法分别是什么？', 5)).toEqual([
      '留出法是什么？',
      '交叉验证法是什么？',
    ]);
  });

  it('splits numbered lists, but not numbers', () => {
    expect(planByClauses('1. What is BM25? 2. What is HNSW?', 5)).toEqual([
      'What is BM25?',
      'What is HNSW?',
    ]);
    expect(planByClauses('问题：1、什么是BM25 2、什么是HNSW', 5)).toEqual([
      '什么是BM25',
      '什么是HNSW',
    ]);
    expect(planByClauses('What changed in version 2.0?', 5)).toEqual([
      'What changed in version 2.0?',
    ]);
  });

  it('keeps one ask whole, even with "and" or "和" inside it', () => {
    expect(planByClauses('什么是混合检索？', 5)).toEqual(['什么是混合检索？']);
    expect(planByClauses('混合检索和向量检索有什么区别？', 5)).toEqual([
      '混合检索和向量检索有什么区别？',
    ]);
    expect(planByClauses('What is the difference between BM25 and HNSW?', 5)).toEqual([
      'What is the difference between BM25 and HNSW?',
    ]);
  });

  it('drops duplicates and empty parts, and caps the plan', () => {
    expect(planByClauses('甲是什么？？乙是什么？甲是什么？', 5)).toEqual([
      '甲是什么？',
      '乙是什么？',
    ]);
    expect(planByClauses('甲是什么？乙是什么？丙是什么？', 2)).toEqual([
      '甲是什么？',
      '乙是什么？',
    ]);
    expect(planByClauses('  什么是BM25？  ', 5)).toEqual(['什么是BM25？']);
  });

  it('cleans plans from models and users', () => {
    expect(cleanPlan([' a? ', '', 3, 'a?', 'b?'], 5)).toEqual(['a?', 'b?']);
    expect(cleanPlan(['a?', 'b?', 'c?'], 2)).toEqual(['a?', 'b?']);
    expect(cleanPlan('not a list', 5)).toEqual([]);
  });
});

describe('research plan: planResearch activity', () => {
  const roles = (generator: string) => ({ generator }) as Record<ModelRole, string>;
  const factory = (reply: string, calls: SeenCall[] = []) =>
    ({
      forSpec: (spec: string) =>
        spec === 'extractive' ? undefined : constantChat(reply, spec, calls),
    }) as unknown as ChatModelFactory;
  const run = (generator: string, reply: string, question: string, calls?: SeenCall[]) => {
    const activities = createResearchActivities({
      chatModels: factory(reply, calls),
      modelRoles: roles(generator),
    });
    type Plan = Awaited<ReturnType<typeof activities.planResearch>>;
    type Args = [{ question: string; maxSubQuestions: number }];
    const plan = (...args: Args) => activities.planResearch(...args);
    return new MockActivityEnvironment().run<Args, Plan, typeof plan>(plan, {
      question,
      maxSubQuestions: 3,
    });
  };

  it('plans by clauses with the extractive engine, without a model call', async () => {
    const r = await run('extractive', '', '甲是什么？乙是什么？');
    expect(r).toEqual({
      subQuestions: ['甲是什么？', '乙是什么？'],
      usage: { modelCalls: 0, inputTokens: 0, outputTokens: 0 },
    });
  });

  it("uses the model's JSON plan under a schema", async () => {
    const calls: SeenCall[] = [];
    const r = await run('test:m', '{"subQuestions": ["A?", "B?", "A?"]}', 'A and B?', calls);
    expect(r.subQuestions).toEqual(['A?', 'B?']);
    expect(r.usage).toEqual({ modelCalls: 1, inputTokens: 10, outputTokens: 5 });
    expect(calls[0].system).toContain('"required":["subQuestions"]');
  });

  it('falls back to the clause split when the model replies with garbage', async () => {
    for (const garbage of ['no json here', '{"subQuestions": "A?"}', '{"subQuestions": [1, ""]}']) {
      const r = await run('test:m', garbage, '甲是什么？乙是什么？');
      expect(r.subQuestions).toEqual(['甲是什么？', '乙是什么？']);
    }
  });

  it('refuses bad input without retries', async () => {
    await expect(run('extractive', '', '  ')).rejects.toMatchObject({
      nonRetryable: true,
      type: 'InvalidResearchInput',
    });
  });
});
