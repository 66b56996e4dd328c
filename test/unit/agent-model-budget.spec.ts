import { askModel } from '../../src/agent/llm/ask-model';
import { estimateTokens } from '../../src/agent/llm/prompt-budget';
import { generate } from '../../src/agent/nodes/generate';
import { grade } from '../../src/agent/nodes/grade';
import type { RetrievedChunk } from '../../src/agent/types';
import { scriptedChat } from '../support/scripted-chat-model';

// A retrieved round as the agent keeps it: 8 chunks of 1,200 Chinese characters each, about
// 19,000 estimated tokens together, more than a small local model's whole context.
const text = (i: number) => `第${i}段：条件随机场的转移特征函数通常取值为一或零。`.repeat(50);
const CHUNKS: RetrievedChunk[] = Array.from({ length: 8 }, (_, i) => ({
  id: `c${i}`,
  text: text(i),
  source: `doc${i}.md`,
  page: null,
  headingPath: [],
  score: 1,
}));
const QUESTION = '转移特征函数通常取什么值？';
const documentIds = (prompt: string) =>
  [...prompt.matchAll(/<document id="(\d+)"/g)].map((m) => m[1]);

describe('model calls fitted to the configured context', () => {
  it('grade: batches of short calls, numbered from 1 in each, their grades put back on the right chunks', async () => {
    const model = scriptedChat(
      [
        '{"grades":[{"id":1,"relevant":true,"score":0.9},{"id":4,"relevant":true,"score":0.7}]}',
        '{"grades":[{"id":2,"relevant":true,"score":0.8}]}',
      ],
      { contextTokens: 8192 },
    );
    const { out, usage } = await askModel(
      grade.model,
      { question: QUESTION, chunks: CHUNKS },
      model,
    );
    expect(model.seen.map((call) => documentIds(call.prompt))).toEqual([
      ['1', '2', '3', '4'],
      ['1', '2', '3', '4'],
    ]);
    for (const call of model.seen) {
      // A quarter of the context for the documents, and a reply budget for four grades.
      expect(estimateTokens(call.prompt)).toBeLessThan(8192 / 4 + 200);
      expect(call.maxTokens).toBe(24 + 32 * 4);
    }
    expect(
      Object.entries(out)
        .filter(([, g]) => g.relevant)
        .map(([id]) => id),
    ).toEqual(['c0', 'c3', 'c5']);
    expect(out.c5).toEqual({ relevant: true, score: 0.8 });
    expect(Object.keys(out)).toHaveLength(8);
    expect(usage).toEqual({ modelCalls: 2, inputTokens: 20, outputTokens: 10 });
  });

  it('grade: one call with every chunk whole when no context size is known', async () => {
    const model = scriptedChat(['{"grades":[{"id":8,"relevant":true,"score":0.6}]}']);
    const { out } = await askModel(grade.model, { question: QUESTION, chunks: CHUNKS }, model);
    expect(model.seen).toHaveLength(1);
    expect(documentIds(model.seen[0].prompt)).toHaveLength(8);
    expect(model.seen[0].prompt).toContain(CHUNKS[7].text);
    expect(model.seen[0].maxTokens).toBe(24 + 32 * 8);
    expect(out.c7).toEqual({ relevant: true, score: 0.6 });
  });

  it('generate: the best-graded chunks that fit, cut to their share; citations quote the whole chunk', async () => {
    const model = scriptedChat(
      [JSON.stringify({ sentences: [{ text: '转移特征函数通常取值为一或零。', document: 2 }] })],
      { contextTokens: 4096 },
    );
    const { out } = await askModel(generate.model, { question: QUESTION, chunks: CHUNKS }, model);
    expect(documentIds(model.seen[0].prompt)).toEqual(['1', '2', '3', '4']);
    expect(model.seen[0].prompt).not.toContain(CHUNKS[0].text);
    expect(estimateTokens(model.seen[0].prompt)).toBeLessThan(4096 / 4 + 200);
    expect(out.citations).toHaveLength(1);
    // Document 2 is the second chunk; the answer renumbers its citations from 1.
    expect(out.citations[0]).toMatchObject({ chunkId: 'c1', source: 'doc1.md' });
    expect(CHUNKS[1].text).toContain(out.citations[0].quote);
    expect(out.draft).toContain(`[${out.citations[0].n}]`);
  });
});
