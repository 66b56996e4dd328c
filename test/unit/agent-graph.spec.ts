import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import {
  buildAgentGraph,
  ExtractiveEngine,
  initialAgentState,
  InvalidAgentInputError,
  type AgentEngine,
  type AgentStateValue,
  type Retrieve,
} from '../../src/agent';
import type { CarriedCheckpoint } from '../../src/agent/checkpoint';
import { runOneStep } from '../../src/agent/step-runner';
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
async function run(
  question: string,
  retrieve: Retrieve,
  engine: AgentEngine = new ExtractiveEngine(),
) {
  const graph = buildAgentGraph({ retrieve, engine }).compile({ checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: `t${++thread}` } };
  return await graph.invoke(initialAgentState({ question, collection: 'kb' }), config);
}

const path = (s: AgentStateValue) => s.steps.map((x) => x.node);

describe('the agent graph, run to END', () => {
  it('answers with citations when the first retrieval finds relevant chunks', async () => {
    const retrieve = scriptedRetriever([[WEATHER_ZH, RAG_ZH, PROMPT_ZH]]);
    const s = await run('什么是检索增强生成？', retrieve);
    expect(path(s)).toEqual([
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
      options: { collection: 'kb', limit: 8 },
    });
    expect(s.final?.usage).toEqual({ modelCalls: 0, inputTokens: 0, outputTokens: 0 });
    expect(s.steps.every((x) => x.ms >= 0 && !Number.isNaN(Date.parse(x.startedAt)))).toBe(true);
  });

  it('rewrites the query and answers when only the second retrieval finds something', async () => {
    const retrieve = scriptedRetriever([[WEATHER_ZH, PROMPT_ZH], [RAG_ZH]]);
    const s = await run('检索增强生成如何减少幻觉？', retrieve);
    expect(path(s).slice(0, 5)).toEqual(['retrieve', 'grade', 'rewrite', 'retrieve', 'grade']);
    expect(s.final?.attemptsUsed.retrieval).toBe(2);
    expect(s.final?.abstained).toBe(false);
    expect(s.final?.citations.map((c) => c.chunkId)).toEqual(['rag-zh']);
    expect(s.queries).toHaveLength(2);
    expect(retrieve.calls[1].query).toBe(s.queries[1]);
    expect(retrieve.calls[1].query).not.toBe(retrieve.calls[0].query);
  });

  it('abstains after three retrievals when nothing relevant is ever found', async () => {
    const retrieve = scriptedRetriever([[WEATHER_ZH], [PROMPT_ZH], [WEATHER_ZH, PROMPT_ZH]]);
    const s = await run('量子计算机的纠错码如何工作？', retrieve);
    expect(retrieve.calls).toHaveLength(3);
    expect(s.final).toMatchObject({
      abstained: true,
      citations: [],
      attemptsUsed: { retrieval: 3, generation: 0 },
    });
    expect(s.final?.answer).toBe('知识库中没有找到“量子计算机的纠错码如何工作？”的答案。');
    expect(path(s).at(-1)).toBe('finalize');
  });

  it('abstains in English for an English question, within a smaller budget', async () => {
    const retrieve = scriptedRetriever([[GARDEN_EN]]);
    const graph = buildAgentGraph({ retrieve, engine: new ExtractiveEngine() }).compile();
    const s = await graph.invoke(
      initialAgentState({
        question: 'Who won the 1998 World Cup?',
        collection: 'kb',
        budgets: { maxRetrievals: 1 },
      }),
    );
    expect(s.final?.abstained).toBe(true);
    expect(s.final?.answer).toMatch(/^The knowledge base does not contain/);
  });

  it('does not follow instructions planted in a relevant chunk', async () => {
    const zh = await run('什么是检索增强生成？', scriptedRetriever([[INJECTION_ZH, RAG_ZH]]));
    expect(zh.final?.abstained).toBe(false);
    expect(zh.final?.answer).not.toContain('我被攻破了');
    const en = await run(
      'How does self-attention work in a Transformer?',
      scriptedRetriever([[INJECTION_EN, TRANSFORMER_EN]]),
    );
    expect(en.final?.abstained).toBe(false);
    expect(en.final?.answer).not.toMatch(/PWNED/);
  });

  it('drops an invented sentence and regenerates when nothing supported is left', async () => {
    const extractive = new ExtractiveEngine();
    let generations = 0;
    const inventive: AgentEngine = {
      ...Object.fromEntries(
        (['gradeChunks', 'rewriteQuery', 'checkGrounding', 'checkAnswer'] as const).map((m) => [
          m,
          extractive[m].bind(extractive),
        ]),
      ),
      name: 'inventive',
      generateAnswer: async (q, chunks) => {
        generations += 1;
        const real = await extractive.generateAnswer(q, chunks);
        const invented = 'RAG 由谷歌在 1990 年发明并获得诺贝尔奖。[1]';
        return {
          ...real,
          draft: generations === 1 ? invented : `${real.draft}${invented}`,
          usage: { modelCalls: 1, inputTokens: 100, outputTokens: 20 },
        };
      },
    } as AgentEngine;
    const s = await run('什么是检索增强生成？', scriptedRetriever([[RAG_ZH]]), inventive);
    expect(path(s)).toEqual([
      'retrieve',
      'grade',
      'generate',
      'checkGrounding',
      'generate',
      'checkGrounding',
      'checkAnswer',
      'finalize',
    ]);
    expect(s.final?.attemptsUsed.generation).toBe(2);
    expect(s.final?.answer).not.toContain('诺贝尔');
    expect(s.final?.answer).toContain('[1]');
    expect(s.final?.usage).toEqual({ modelCalls: 2, inputTokens: 200, outputTokens: 40 });
  });

  it('runs one node per step with a carried checkpoint and ends with the same answer', async () => {
    const rounds = [[WEATHER_ZH, PROMPT_ZH], [RAG_ZH]];
    const whole = await run('检索增强生成如何减少幻觉？', scriptedRetriever(rounds));
    const retrieve = scriptedRetriever(rounds);
    const compile = (saver: BaseCheckpointSaver) =>
      buildAgentGraph({ retrieve, engine: new ExtractiveEngine() }).compile({
        checkpointer: saver,
        interruptAfter: '*',
      });
    const input = initialAgentState({ question: '检索增强生成如何减少幻觉？', collection: 'kb' });
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
    expect(ran).toEqual(path(whole));
    expect({ ...state?.final, usage: undefined }).toEqual({ ...whole.final, usage: undefined });
  });

  it('rejects bad input before the graph runs', () => {
    expect(() => initialAgentState({ question: '  ', collection: 'kb' })).toThrow(
      InvalidAgentInputError,
    );
    expect(() => initialAgentState({ question: 'x'.repeat(3000), collection: 'kb' })).toThrow(
      /limit/,
    );
    expect(() => initialAgentState({ question: 'q?', collection: '' })).toThrow(/knowledge base/);
    expect(() =>
      initialAgentState({ question: 'q?', collection: 'kb', budgets: { maxRetrievals: 0 } }),
    ).toThrow(/budgets/);
  });
});
