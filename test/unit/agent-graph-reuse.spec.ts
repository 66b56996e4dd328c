import {
  compileForSteps,
  initialAgentState,
  offlineReasoning,
  reusableAgentGraph,
  runConfig,
  settingsForTask,
  type AgentStateValue,
} from '../../src/agent';
import type { CarriedCheckpoint } from '../../src/agent/checkpoint';
import { runOneStep } from '../../src/agent/step-runner';
import { PROMPT_ZH, RAG_ZH, scriptedRetriever, WEATHER_ZH } from './agent-fixtures';

// The step activity compiles the agent graph once per worker and runs every step of every task on
// it; what differs between tasks reaches the nodes as configuration, never through closures.
describe('one compiled agent graph for every step', () => {
  it('a graph compiled once serves interleaved runs as compiling per step does, and keeps nothing', async () => {
    const question = '检索增强生成如何减少幻觉？';
    const rounds = [[WEATHER_ZH, PROMPT_ZH], [RAG_ZH]];
    const settings = settingsForTask({ tenant: 't1', collection: 'kb', question: 'unused' });
    const perStep = compileForSteps(
      { retrieve: scriptedRetriever(rounds), reasoning: offlineReasoning() },
      settings,
    );
    // No reasoning in its deps: each step passes its own, as the activity does. Two runs share
    // it, so each round is scripted twice (one per run).
    const reusable = reusableAgentGraph({
      retrieve: scriptedRetriever(rounds.flatMap((r) => [r, r])),
    });
    const configurable = { ...runConfig(settings).configurable, reasoning: offlineReasoning() };
    const values = (c: CarriedCheckpoint) =>
      JSON.stringify((c.checkpoint[1] as { channel_values: unknown }).channel_values);
    type Outcome = Awaited<ReturnType<typeof runOneStep<AgentStateValue>>>;
    const ran = { perStep: [] as Outcome[], a: [] as Outcome[], b: [] as Outcome[] };
    let carried = { perStep: null, a: null, b: null } as Record<
      keyof typeof ran,
      CarriedCheckpoint | null
    >;
    let next = ['retrieve'];
    while (next.length) {
      const node = next[0];
      const [p, a, b] = await Promise.all([
        runOneStep(perStep, carried.perStep, initialAgentState(question), node),
        runOneStep(reusable, carried.a, initialAgentState(question), node, undefined, undefined, {
          configurable,
        }),
        runOneStep(reusable, carried.b, initialAgentState(question), node, undefined, undefined, {
          configurable,
        }),
      ]);
      ran.perStep.push(p);
      ran.a.push(a);
      ran.b.push(b);
      carried = { perStep: p.checkpoint, a: a.checkpoint, b: b.checkpoint };
      next = p.next;
    }
    for (const other of [ran.a, ran.b]) {
      expect(other.map((o) => o.node)).toEqual(ran.perStep.map((o) => o.node));
      expect(other.map((o) => o.next)).toEqual(ran.perStep.map((o) => o.next));
      expect(other.map((o) => values(o.checkpoint))).toEqual(
        ran.perStep.map((o) => values(o.checkpoint)),
      );
      expect(other.map((o) => o.checkpoint.metadata)).toEqual(
        ran.perStep.map((o) => o.checkpoint.metadata),
      );
      expect(other.at(-1)?.state.final).toEqual(ran.perStep.at(-1)?.state.final);
    }
    expect(ran.perStep.at(-1)?.state.final?.answer).toBeTruthy();
    // Every step's thread is gone once it returned: a worker's saver does not grow.
    expect(Object.keys(reusable.saver.storage)).toEqual([]);
    expect(Object.keys(reusable.saver.writes)).toEqual([]);
  });
});
