import { MemorySaver } from '@langchain/langgraph';
import {
  agentSettings,
  buildAgentGraph,
  compileForSteps,
  initialAgentState,
  InvalidAgentInputError,
  offlineReasoning,
  runConfig,
  settingsForTask,
  type AgentSettings,
  type AgentStateValue,
  type Reasoning,
  type Retrieve,
} from '../../src/agent';
import type { CarriedCheckpoint } from '../../src/agent/checkpoint';
import { runOneStep } from '../../src/agent/step-runner';
import { scriptedChat } from '../support/scripted-chat-model';
import {
  GARDEN_EN,
  INJECTION_EN,
  INJECTION_ZH,
  PROMPT_ZH,
  RAG_ZH,
  scriptedRetriever,
  TRANSFORMER_EN,
  WEATHER_ZH,
} from './agent-fixtures';

let thread = 0;

/** Runs the graph to END; the path is the node of every update, in order. */
async function run(
  question: string,
  retrieve: Retrieve,
  {
    reasoning = offlineReasoning(),
    ...over
  }: { reasoning?: Reasoning } & Partial<AgentSettings> = {},
) {
  const graph = buildAgentGraph({ retrieve, reasoning }).compile({
    checkpointer: new MemorySaver(),
  });
  const config = runConfig(
    agentSettings({ tenant: 't1', knowledgeBase: 'kb', ...over }),
    `t${++thread}`,
  );
  const path: string[] = [];
  const updates = await graph.stream(initialAgentState(question), {
    ...config,
    streamMode: 'updates',
  });
  for await (const update of updates) path.push(...Object.keys(update));
  const s = (await graph.getState(config)).values as AgentStateValue;
  return { s, path };
}

describe('the agent graph, run to END', () => {
  it('answers with citations when the first retrieval finds relevant chunks', async () => {
    const retrieve = scriptedRetriever([[WEATHER_ZH, RAG_ZH, PROMPT_ZH]]);
    const { s, path } = await run('什么是检索增强生成？', retrieve);
    expect(path).toEqual([
      'retrieve',
      'grade',
      'generate',
      'checkGrounding',
      'checkAnswer',
      'finalize',
    ]);
    expect(s.final).toMatchObject({
      abstained: false,
      attemptsUsed: { retrieval: 1, generation: 1 },
    });
    expect(s.final?.answer).toMatch(/检索增强生成（RAG）.*\[1\]/);
    expect(s.final?.citations[0]).toMatchObject({
      n: 1,
      chunkId: 'rag-zh',
      source: 'rag-zh.md',
      page: 3,
    });
    expect(RAG_ZH.text).toContain(s.final?.citations[0].quote);
    expect(retrieve.calls[0]).toEqual({
      query: '什么是检索增强生成？',
      options: { tenant: 't1', knowledgeBase: 'kb', limit: 8 },
    });
    expect(s.final?.usage).toEqual({ modelCalls: 0, inputTokens: 0, outputTokens: 0 });
  });

  it("asks the retriever for the run's top-k and keeps the run's share of each chunk's text", async () => {
    const retrieve = scriptedRetriever([[RAG_ZH, PROMPT_ZH]]);
    const { s } = await run('什么是检索增强生成？', retrieve, { topK: 3, chunkTextChars: 100 });
    expect(retrieve.calls[0].options.limit).toBe(3);
    expect(RAG_ZH.text.length).toBeGreaterThan(60);
    const { s: short } = await run('什么是检索增强生成？', scriptedRetriever([[RAG_ZH]]), {
      chunkTextChars: 100,
    });
    expect(short.chunks[0].text).toBe(RAG_ZH.text.slice(0, 100));
    expect(s.final?.abstained).toBe(false);
  });

  it('searches for the part an answer lacks, and answers both parts with the new evidence', async () => {
    const retrieve = scriptedRetriever([[RAG_ZH, WEATHER_ZH], [PROMPT_ZH]]);
    const { s, path } = await run('什么是检索增强生成？提示工程研究什么？', retrieve);
    expect(path).toEqual([
      'retrieve',
      'grade',
      'generate',
      'checkGrounding',
      'checkAnswer',
      'rewrite',
      'retrieve',
      'grade',
      'generate',
      'checkGrounding',
      'checkAnswer',
      'finalize',
    ]);
    // The rewrite searches for the unanswered part, not the whole question again.
    expect(retrieve.calls[1].query).toContain('提示工程');
    expect(retrieve.calls[1].query).not.toContain('检索增强生成');
    expect(s.final).toMatchObject({
      abstained: false,
      attemptsUsed: { retrieval: 2, generation: 2 },
    });
    expect(s.final?.citations.map((c) => c.chunkId).sort()).toEqual(['prompt-zh', 'rag-zh']);
  });

  it('ends the loop when a rewrite retrieves nothing new', async () => {
    const retrieve = scriptedRetriever([
      [RAG_ZH, WEATHER_ZH],
      [WEATHER_ZH, RAG_ZH],
    ]);
    const { s, path } = await run('什么是检索增强生成？提示工程研究什么？', retrieve);
    expect(path.slice(-3)).toEqual(['rewrite', 'retrieve', 'finalize']);
    expect(retrieve.calls).toHaveLength(2);
    expect(s.final).toMatchObject({
      abstained: false,
      attemptsUsed: { retrieval: 2, generation: 1 },
    });
    expect(s.final?.missing.length).toBeGreaterThan(0);
  });

  it('abstains after one retrieval when nothing relevant is found: a rewrite of nothing finds nothing', async () => {
    const retrieve = scriptedRetriever([[WEATHER_ZH], [PROMPT_ZH], [WEATHER_ZH, PROMPT_ZH]]);
    const { s, path } = await run('量子计算机的纠错码如何工作？', retrieve);
    expect(retrieve.calls).toHaveLength(1);
    expect(s.final).toMatchObject({
      abstained: true,
      citations: [],
      attemptsUsed: { retrieval: 1, generation: 0 },
    });
    expect(s.final?.answer).toBe('知识库中没有找到“量子计算机的纠错码如何工作？”的答案。');
    expect(path).toEqual(['retrieve', 'grade', 'finalize']);
  });

  it('abstains at once when a specific term is absent, without a search for the term alone', async () => {
    // Nothing the first search found names LoRA or is about fine-tuning: the loop spends no step.
    const retrieve = scriptedRetriever([[RAG_ZH, PROMPT_ZH], [RAG_ZH]]);
    const { s, path } = await run('LoRA 微调方法训练的是什么？', retrieve);
    expect(retrieve.calls.map((c) => c.query)).toEqual(['LoRA 微调方法训练的是什么？']);
    expect(path).toEqual(['retrieve', 'grade', 'finalize']);
    expect(s.final).toMatchObject({ abstained: true, citations: [], missing: ['LoRA'] });
  });

  it('abstains at once when the first search found passages on the topic that leave the term out', async () => {
    const retrieve = scriptedRetriever([[RAG_ZH, PROMPT_ZH]]);
    const { s, path } = await run('检索增强生成里 LoRA 的秩一般取多少？', retrieve);
    expect(retrieve.calls).toHaveLength(1);
    expect(path).toEqual(['retrieve', 'grade', 'finalize']);
    expect(s.final).toMatchObject({ abstained: true, citations: [], missing: ['LoRA'] });
  });

  it('abstains in English for an English question, within a smaller budget', async () => {
    const retrieve = scriptedRetriever([[GARDEN_EN]]);
    const { s } = await run('Who won the 1998 World Cup?', retrieve, {
      budgets: { maxRetrievals: 1, maxGenerations: 2 },
    });
    expect(s.final?.abstained).toBe(true);
    expect(s.final?.answer).toMatch(/^The knowledge base does not contain/);
  });

  it('does not follow instructions planted in a relevant chunk', async () => {
    const zh = await run('什么是检索增强生成？', scriptedRetriever([[INJECTION_ZH, RAG_ZH]]));
    expect(zh.s.final?.abstained).toBe(false);
    expect(zh.s.final?.answer).not.toContain('我被攻破了');
    const en = await run(
      'How does self-attention work in a Transformer?',
      scriptedRetriever([[INJECTION_EN, TRANSFORMER_EN]]),
    );
    expect(en.s.final?.abstained).toBe(false);
    expect(en.s.final?.answer).not.toMatch(/PWNED/);
  });

  it('drops an invented sentence and, with the same evidence, does not regenerate', async () => {
    // The generator role on a model, every other role offline: the checker catches the invention.
    const invented = { text: 'RAG 由谷歌在 1990 年发明并获得诺贝尔奖。', document: 1 };
    const real = {
      text: '检索增强生成（RAG）是一种把信息检索和文本生成结合起来的方法。',
      document: 1,
    };
    const replies = [{ sentences: [invented] }, { sentences: [real, invented] }];
    const generator = scriptedChat(
      replies.map((r) => JSON.stringify(r)),
      { id: 'test:inventive', input: 100, output: 20 },
    );
    const reasoning: Reasoning = {
      ...offlineReasoning(),
      modelFor: (role) => (role === 'generator' ? generator : undefined),
    };
    const { s, path } = await run('什么是检索增强生成？', scriptedRetriever([[RAG_ZH]]), {
      reasoning,
    });
    // Nothing supported is left: the same chunks would bring the same kind of draft again.
    expect(path).toEqual(['retrieve', 'grade', 'generate', 'checkGrounding', 'finalize']);
    expect(s.final?.attemptsUsed.generation).toBe(1);
    expect(s.final?.abstained).toBe(true);
    expect(s.final?.answer).not.toContain('诺贝尔');
    expect(s.final?.usage).toEqual({ modelCalls: 1, inputTokens: 100, outputTokens: 20 });
  });

  it('runs one node per step with a carried checkpoint and ends with the same answer', async () => {
    const rounds = [[WEATHER_ZH, PROMPT_ZH], [RAG_ZH]];
    const whole = await run('检索增强生成如何减少幻觉？', scriptedRetriever(rounds));
    const retrieve = scriptedRetriever(rounds);
    const settings = settingsForTask({ tenant: 't1', collection: 'kb', question: 'unused' });
    const compile = compileForSteps({ retrieve, reasoning: offlineReasoning() }, settings);
    const input = initialAgentState('检索增强生成如何减少幻觉？');
    let carried: CarriedCheckpoint | null = null;
    let next = ['retrieve'];
    const ran: string[] = [];
    let state: AgentStateValue | undefined;
    while (next.length) {
      const step: Awaited<ReturnType<typeof runOneStep<AgentStateValue>>> = await runOneStep(
        compile,
        carried,
        input,
        next[0],
      );
      ran.push(step.node);
      ({ next, state } = step);
      carried = JSON.parse(JSON.stringify(step.checkpoint)) as CarriedCheckpoint;
    }
    expect(ran).toEqual(whole.path);
    expect({ ...state?.final, usage: undefined }).toEqual({ ...whole.s.final, usage: undefined });
  });

  it('rejects bad input before the graph runs', () => {
    expect(() => initialAgentState('  ')).toThrow(InvalidAgentInputError);
    expect(() => initialAgentState('x'.repeat(3000))).toThrow(/limit/);
    expect(() => agentSettings({ tenant: 't1', knowledgeBase: '' })).toThrow(/knowledge base/);
    expect(() =>
      settingsForTask({
        tenant: 't1',
        collection: 'kb',
        question: 'q?',
        options: { maxRetrievals: 0 },
      }),
    ).toThrow(/budgets\.maxRetrievals/);
    expect(() => agentSettings({ tenant: 't1', knowledgeBase: 'kb', topK: 0 })).toThrow(
      InvalidAgentInputError,
    );
  });
});
