import { randomUUID } from 'node:crypto';
import type { AskResult } from '../../workflows/contract';
import { call } from '../support/http';
import { readEvents } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

const DOCS = [
  {
    source: 'guide/search.md',
    text: '# Hybrid search\n\nHybrid search combines BM25 keyword search with vector search. The alpha parameter sets the weight of the vector side.',
  },
  {
    source: 'guide/durability.md',
    text: '# Durable execution\n\nQuarry runs every agent step as a Temporal activity. When a worker crashes, the workflow resumes from the step in flight.',
  },
];

/** The real SmolLM2-135M-Instruct GGUF provisioned by `quarry setup`, run by node-llama-cpp. */
describe('askWorkflow with a local GGUF model', () => {
  let t: TestApp;
  const kb = `gguf-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // The 135M test model judges poorly, so grading and checking stay extractive here; it writes
    // (under the answer's JSON-schema grammar) and rewrites.
    t = await startTestApp({
      QUARRY_MODEL: 'gguf',
      QUARRY_MODEL_GRADER: 'extractive',
      QUARRY_MODEL_CHECKER: 'extractive',
      QUARRY_GGUF_CONTEXT_SIZE: '4096',
      QUARRY_MODEL_MAX_TOKENS: '160',
    });
    await call(t.url, 'POST', '/v1/collections', { name: kb });
    await call(t.url, 'POST', `/v1/collections/${kb}/documents?wait=true`, { documents: DOCS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers with citations whose quotes are in the cited documents, its tokens streamed', async () => {
    // Through the API, following the task's events: the one question also checks live tokens.
    const started = await call(t.url, 'POST', '/v1/tasks', {
      question: 'What does the alpha parameter set?',
      collection: kb,
    });
    expect(started.status).toBe(202);
    const events = await readEvents(`${t.url}/v1/tasks/${started.body.id}/events`, {});
    expect(events.at(-1)?.event).toBe('completed');
    const result = (events.at(-1)!.data as { result: AskResult }).result;
    // The model's tokens reached the stream as it wrote: the answer's text, not its JSON.
    const tokens = events
      .filter((e) => e.event === 'token')
      .map((e) => e.data as { node: string; text: string });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((tk) => tk.node === 'generate')).toBe(true);
    const written = tokens.map((tk) => tk.text).join('');
    expect(written.trim().length).toBeGreaterThan(0);
    expect(written).not.toContain('"sentences"');
    const nodes = result.steps.map((s) => s.node);
    expect(nodes.slice(0, 4)).toEqual(['retrieve', 'grade', 'generate', 'checkGrounding']);
    expect(result.attemptsUsed.generation).toBeGreaterThanOrEqual(1);
    // Every generation was a real model call with a real prompt.
    expect(result.usage.modelCalls).toBe(result.attemptsUsed.generation);
    expect(result.usage.inputTokens).toBeGreaterThan(result.usage.modelCalls * 100);
    // Structured output (a grammar) makes even a 135M model cite: the answer survives grounding.
    expect(result.abstained).toBe(false);
    expect(result.citations.length).toBeGreaterThan(0);
    for (const c of result.citations) {
      const doc = DOCS.find((d) => d.source === c.source);
      expect(doc?.text).toContain(c.quote);
    }
    // A 135M model on a shared 2-core machine: a generation step can take minutes under load.
  }, 900_000);
});
