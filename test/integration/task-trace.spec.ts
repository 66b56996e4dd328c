import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import { startTracing, stopTracing } from '../../src/tracing/tracing';
import { call } from '../support/http';
import { OpenAiTestServer } from '../support/openai-test-server';
import { until } from '../support/poll';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# 混合检索\n\n混合检索把 BM25 关键词检索和向量检索结合起来。参数 alpha 决定两者的权重。',
  },
];

/**
 * One ask through the API, traced with the SDK's in-memory exporter: the real Temporal server and
 * worker, Weaviate, and a chat model served over the OpenAI protocol on loopback. The grader is
 * the extractive engine, so both kinds of model call show.
 */
describe('the trace of one ask', () => {
  const server = new OpenAiTestServer();
  const memory = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(memory);
  let t: TestApp;
  const kb = `trace-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    startTracing(processor);
    const baseUrl = await server.start();
    t = await startTestApp({
      QUARRY_MODEL: 'openai:test-model',
      QUARRY_MODEL_GRADER: 'extractive',
      QUARRY_OPENAI_BASE_URL: baseUrl,
      QUARRY_OPENAI_API_KEY: 'sk-test',
      QUARRY_MODEL_TIMEOUT_MS: '60000',
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    const ingest = await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, {
      documents: DOCS,
    });
    expect(ingest.body.progress.indexed).toBe(1);
  });
  afterAll(async () => {
    await t?.close();
    await server.stop();
    await stopTracing(processor);
  });

  it('is one tree: task → workflow → step (activity) → node → model call, with tokens', async () => {
    const created = await call(t.url, 'POST', '/v1/tasks', {
      collection: kb,
      question: '混合检索是什么？',
    });
    expect(created.status).toBe(202);
    const traceId = created.body.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const task = await until(
      () => call(t.url, 'GET', `/v1/tasks/${created.body.id}`),
      (r) => r.body.status === 'completed',
      'the task completes',
    );
    expect(task.body.traceId).toBe(traceId);
    const steps = task.body.steps as { node: string }[];

    // Workflow spans leave the sandbox through a sink after the workflow task: wait for the last.
    const spans = await until(
      () =>
        Promise.resolve(
          memory.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId),
        ),
      (all) => all.some((s) => s.name === 'RunWorkflow:askWorkflow'),
      'the workflow span is exported',
    );
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);
    const childrenOf = (s: ReadableSpan) =>
      spans.filter((c) => c.parentSpanId === s.spanContext().spanId);

    // One root, and every other span's parent is in the same trace.
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => s.name)).toEqual(['task answer']);
    for (const s of spans) if (s !== roots[0]) expect(parentOf(s)).toBeDefined();

    const [start] = childrenOf(roots[0]);
    expect(start.name).toBe('StartWorkflow:askWorkflow');
    const [run] = childrenOf(start);
    expect(run.name).toBe('RunWorkflow:askWorkflow');

    // Each step the task recorded is an activity (a local one for the extractive grader) scheduled
    // by the workflow and run by the worker (a retried step, which a loaded machine can cause, runs
    // more than once: each run a span); the first step is offered to the worker straight away,
    // without a question to it first.
    const runs = spans.filter((s) => s.name.startsWith('RunActivity:'));
    const nodeOf = (s: ReadableSpan) => s.name.slice('RunActivity:'.length);
    expect(new Set(runs.map(nodeOf))).toEqual(new Set(steps.map((s) => s.node)));
    expect(runs.length).toBeGreaterThanOrEqual(steps.length);
    for (const r of runs) {
      expect(parentOf(r)!.name).toBe(`StartActivity:${nodeOf(r)}`);
      expect(parentOf(parentOf(r)!)).toBe(run);
    }

    // A step's node run is a span inside the step; a model call is a span inside its node.
    const nodeSpans = (step: string) =>
      runs
        .filter((r) => nodeOf(r) === step)
        .flatMap(childrenOf)
        .filter((s) => s.name === `node ${step}`);
    const [generate] = nodeSpans('generate');
    expect(generate.attributes['langgraph.node']).toBe('generate');
    const calls = childrenOf(generate);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const c of calls) {
      expect(c.name).toBe('chat test-model');
      expect(c.attributes['gen_ai.system']).toBe('openai');
      expect(c.attributes['gen_ai.usage.input_tokens']).toBe(100);
      expect(c.attributes['gen_ai.usage.output_tokens']).toBe(20);
      expect(c.attributes['gen_ai.usage.total_tokens']).toBe(120);
      expect(typeof c.attributes['quarry.latency_ms']).toBe('number');
    }

    // The grader is the extractive engine: its stand-in call sits at the same level.
    const [grade] = nodeSpans('grade');
    expect(childrenOf(grade).map((s) => s.name)).toEqual(['chat extractive']);
  });

  it('counts model-call latency and tokens by provider, model and role in /metrics', async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /quarry_model_call_seconds_count\{provider="openai",model="test-model",role="generator",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(
      /quarry_model_tokens_total\{provider="openai",model="test-model",role="generator",direction="input"\} [1-9]/,
    );
  });
});
