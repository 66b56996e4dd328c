import { HumanMessage, type BaseMessage } from '@langchain/core/messages';
import {
  Annotation,
  END,
  interrupt,
  START,
  StateGraph,
  type BaseCheckpointSaver,
} from '@langchain/langgraph';
import type { CarriedCheckpoint } from '../../src/agent/checkpoint';
import { runOneStep, StepMismatchError, type SteppableGraph } from '../../src/agent/step-runner';

const State = Annotation.Root({
  n: Annotation<number>({ reducer: (_, b) => b, default: () => 0 }),
  path: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  messages: Annotation<BaseMessage[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
type S = typeof State.State;

let calls = 0;
function compile(saver: BaseCheckpointSaver): SteppableGraph<S> {
  return new StateGraph(State)
    .addNode('count', (s) => {
      calls += 1;
      return { n: s.n + 1, path: ['count'], messages: [new HumanMessage(`step ${s.n}`)] };
    })
    .addNode('finish', (s) => ({ n: s.n * 10, path: ['finish'] }))
    .addEdge(START, 'count')
    .addConditionalEdges('count', (s) => (s.n < 3 ? 'count' : 'finish'))
    .addEdge('finish', END)
    .compile({ checkpointer: saver, interruptAfter: ['count', 'finish'] });
}

describe('runOneStep: one LangGraph super-step per call, the checkpoint carried in between', () => {
  it('walks the graph node by node to END with the same result as a single run', async () => {
    calls = 0;
    let carried: CarriedCheckpoint | null = null;
    let next = ['count'];
    const ran: string[] = [];
    let state: S | undefined;
    while (next.length) {
      const step: Awaited<ReturnType<typeof runOneStep<S>>> = await runOneStep(
        compile,
        carried,
        { n: 0 },
        next[0],
      );
      ran.push(step.node);
      ({ checkpoint: carried, next, state } = step);
      // What travels through Temporal is plain JSON.
      carried = JSON.parse(JSON.stringify(carried)) as CarriedCheckpoint;
    }
    expect(ran).toEqual(['count', 'count', 'count', 'finish']);
    expect(calls).toBe(3);
    expect(state?.n).toBe(30);
    expect(state?.path).toEqual(['count', 'count', 'count', 'finish']);
    // Messages come back as LangChain messages, not lifeless objects.
    expect(state?.messages[2]).toBeInstanceOf(HumanMessage);
    expect(state?.messages.map((m) => m.content)).toEqual(['step 0', 'step 1', 'step 2']);
  });

  it('reruns a step from the same checkpoint with the same outcome (a retried activity)', async () => {
    const first = await runOneStep(compile, null, { n: 0 }, 'count');
    const a = await runOneStep(compile, first.checkpoint, null, 'count');
    const b = await runOneStep(compile, first.checkpoint, null, 'count');
    expect(a.state).toEqual(b.state);
    expect(a.next).toEqual(b.next);
    expect(a.state.n).toBe(2);
  });

  it('refuses a checkpoint that does not lead to the expected node', async () => {
    const first = await runOneStep(compile, null, { n: 0 }, 'count');
    expect(first.checkpoint.next).toEqual(['count']);
    await expect(runOneStep(compile, first.checkpoint, null, 'finish')).rejects.toThrow(
      StepMismatchError,
    );
    // A checkpoint carried before it said where it leads: the state read back says it.
    const { next: _next, ...older } = first.checkpoint;
    await expect(runOneStep(compile, older, null, 'finish')).rejects.toThrow(StepMismatchError);
    expect((await runOneStep(compile, older, null, 'count')).state.n).toBe(2);
  });
});

describe('runOneStep with interrupt(): a node asks, the carried checkpoint waits, a reply resumes it', () => {
  const Asking = Annotation.Root({
    question: Annotation<string>({ reducer: (_, b) => b, default: () => '' }),
    asked: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  });
  type A = typeof Asking.State;
  const compileAsking = (saver: BaseCheckpointSaver): SteppableGraph<A> =>
    new StateGraph(Asking)
      .addNode('ask', (s) => {
        const reply = interrupt<{ ask: string }, string>({ ask: `what about ${s.question}?` });
        return { question: `${s.question} ${reply}`, asked: 1 };
      })
      .addNode('done', () => ({}))
      .addEdge(START, 'ask')
      .addEdge('ask', 'done')
      .addEdge('done', END)
      .compile({ checkpointer: saver, interruptAfter: ['ask', 'done'] });

  it('surfaces the interrupt value, then resumes the same node with the reply, once', async () => {
    const waiting = await runOneStep(compileAsking, null, { question: 'alpha' }, 'ask');
    expect(waiting.interrupt).toEqual({ ask: 'what about alpha?' });
    expect(waiting.next).toEqual(['ask']);
    const carried = JSON.parse(JSON.stringify(waiting.checkpoint)) as CarriedCheckpoint;
    const resumed = await runOneStep(compileAsking, carried, null, 'ask', 'in hybrid search');
    expect(resumed.interrupt).toBeUndefined();
    expect(resumed.state).toEqual({ question: 'alpha in hybrid search', asked: 1 });
    expect(resumed.next).toEqual(['done']);
  });
});
