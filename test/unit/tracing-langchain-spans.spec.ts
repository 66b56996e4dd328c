import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { z } from 'zod';
import { askChat } from '../../src/models/chat';
import { OtelSpansHandler, tokensOf } from '../../src/tracing/langchain-spans';
import { inOfflineModelSpan } from '../../src/tracing/offline-model-span';
import { quarryTracer, startTracing, stopTracing } from '../../src/tracing/tracing';
import { scriptedChat } from '../support/scripted-chat-model';

const State = Annotation.Root({ reply: Annotation<string> });

/** A one-node graph whose node asks a chat model the way the agent's nodes do (askChat). */
function graphAsking(model: ReturnType<typeof scriptedChat>, onToken?: (t: string) => void) {
  return new StateGraph(State)
    .addNode('answer', async () => {
      const reply = await askChat(model, {
        system: 'Answer.',
        prompt: 'What is hybrid search?',
        schema: z.string(),
        role: 'generator',
        ...(onToken ? { onToken } : {}),
      });
      return { reply: reply.value ?? '' };
    })
    .addNode('offline', async () => {
      await inOfflineModelSpan('grader', () => 'kept');
      return {};
    })
    .addEdge(START, 'answer')
    .addEdge('answer', 'offline')
    .addEdge('offline', END)
    .compile();
}

describe('LangChain callbacks as OpenTelemetry spans', () => {
  const memory = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(memory);
  beforeAll(() => startTracing(processor));
  afterAll(() => stopTracing(processor));
  beforeEach(() => memory.reset());

  const run = async (graph: ReturnType<typeof graphAsking>) => {
    const parent = quarryTracer().startSpan('RunActivity:answer');
    const handler = new OtelSpansHandler(trace.setSpan(context.active(), parent));
    try {
      return await graph.invoke({ reply: '' }, { callbacks: [handler] });
    } finally {
      parent.end();
    }
  };
  const spans = () => memory.getFinishedSpans();
  const named = (name: string) => spans().find((s) => s.name === name)!;
  const parentName = (s: ReadableSpan) =>
    spans().find((p) => p.spanContext().spanId === s.parentSpanId)?.name;

  it('nests each node under the activity and each model call under its node, with tokens', async () => {
    const tokens: string[] = [];
    // A streamed call: its token listener must not cut it out of the node's callbacks.
    const out = await run(
      graphAsking(scriptedChat(['hybrid search mixes both']), (t) => tokens.push(t)),
    );
    expect(out.reply).toBe('hybrid search mixes both');
    expect(tokens.join('')).toBe('hybrid search mixes both');

    const node = named('node answer');
    expect(parentName(node)).toBe('RunActivity:answer');
    expect(node.attributes['langgraph.node']).toBe('answer');
    const calls = spans().filter((s) => s.name.startsWith('chat ') && s.name !== 'chat extractive');
    expect(calls).toHaveLength(1);
    expect(parentName(calls[0])).toBe('node answer');
    expect(calls[0].attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.usage.total_tokens': 15,
      'langgraph.node': 'answer',
    });
    expect(calls[0].attributes['quarry.latency_ms']).toEqual(expect.any(Number));
    // The extractive engine's stand-in call sits under its own node, like a model call.
    expect(parentName(named('chat extractive'))).toBe('node offline');
    expect(named('chat extractive').attributes['quarry.role']).toBe('grader');
    // One trace for all.
    expect(new Set(spans().map((s) => s.spanContext().traceId)).size).toBe(1);
  });

  it('marks a failed model call and its node as errors', async () => {
    await expect(run(graphAsking(scriptedChat([])))).rejects.toThrow('the model script ran out');
    const call = spans().find((s) => s.name.startsWith('chat ') && s.name !== 'chat extractive')!;
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.status.message).toContain('the model script ran out');
    expect(parentName(call)).toBe('node answer');
    expect(named('node answer').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('reads token counts from llmOutput.tokenUsage, else from usage_metadata', () => {
    expect(
      tokensOf({
        generations: [],
        llmOutput: { tokenUsage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } },
      }),
    ).toEqual({ input: 7, output: 3, total: 10 });
    expect(tokensOf({ generations: [[{ text: '' }]] })).toEqual({ input: 0, output: 0, total: 0 });
  });
});
