import {
  agentSettings,
  cachedChunkTexts,
  compileForSteps,
  initialAgentState,
  lightenValues,
  offlineReasoning,
  type AgentStateValue,
  type ChunkBody,
  type RetrievedChunk,
} from '../../src/agent';
import { carriedText, type CarriedCheckpoint } from '../../src/agent/checkpoint';
import { runOneStep } from '../../src/agent/step-runner';
import { PROMPT_ZH, RAG_ZH, scriptedRetriever, WEATHER_ZH } from './agent-fixtures';

const QUESTION = '检索增强生成如何减少幻觉？';
const settings = agentSettings({ tenant: 't1', knowledgeBase: 'kb' });

/** A store of chunk bodies the test can delete from, counting its round trips. */
function bodyStore(chunks: RetrievedChunk[]) {
  const stored = new Map<string, ChunkBody>(
    chunks.map((c) => [c.id, { text: c.text, headingPath: c.headingPath }]),
  );
  const fetches: string[][] = [];
  const fetch = (ids: string[]) => {
    fetches.push(ids);
    return Promise.resolve(
      new Map(ids.flatMap((id) => (stored.has(id) ? [[id, stored.get(id)!] as const] : []))),
    );
  };
  return { stored, fetches, fetch };
}

function decoded(carried: CarriedCheckpoint): string {
  return carriedText(carried.checkpoint);
}

async function run(
  chunks: RetrievedChunk[],
  between?: (ran: string[], store: ReturnType<typeof bodyStore>) => void,
) {
  const store = bodyStore(chunks);
  // No cache (capacity 1, no time): every step reads its texts back from the store, as a step
  // that lands on another worker would.
  const texts = cachedChunkTexts(store.fetch, { capacity: 1, ttlMs: -1 });
  const compile = compileForSteps(
    { retrieve: scriptedRetriever([chunks, chunks, chunks]), reasoning: offlineReasoning(), texts },
    settings,
  );
  let carried: CarriedCheckpoint | null = null;
  let next = ['retrieve'];
  const ran: string[] = [];
  const carriedTexts: string[] = [];
  let state: AgentStateValue | undefined;
  while (next.length) {
    const step: Awaited<ReturnType<typeof runOneStep<AgentStateValue>>> = await runOneStep(
      compile,
      carried,
      carried ? null : initialAgentState(QUESTION),
      next[0],
      undefined,
      lightenValues,
    );
    ran.push(step.node);
    carried = step.checkpoint;
    carriedTexts.push(decoded(step.checkpoint));
    ({ next, state } = step);
    between?.(ran, store);
  }
  return { ran, final: state!.final!, carriedTexts, store };
}

describe('claim check: the carried checkpoint holds chunk ids, steps read texts back by id', () => {
  it('carries no chunk text or heading, and answers as with the texts carried', async () => {
    const { ran, final, carriedTexts, store } = await run([RAG_ZH, PROMPT_ZH, WEATHER_ZH]);
    expect(ran[0]).toBe('retrieve');
    expect(final.abstained).toBe(false);
    expect(final.citations[0]).toMatchObject({ chunkId: 'rag-zh', quote: expect.any(String) });
    for (const json of carriedTexts) {
      const values = (JSON.parse(json) as { channel_values: { chunks?: object[] } }).channel_values;
      for (const c of values.chunks ?? [])
        expect(Object.keys(c).sort()).toEqual(['id', 'page', 'score', 'source']);
      expect(json).not.toContain(WEATHER_ZH.text);
      expect(json).not.toContain('headingPath');
    }
    // The answer quotes from the texts read back.
    expect(final.answer).toContain('检索增强生成（RAG）是一种');
    // One round trip per step that needed texts, all the chunks at once.
    expect(store.fetches.length).toBeGreaterThan(0);
    expect(store.fetches.every((ids) => ids.length === 3)).toBe(true);
    expect(final.trace?.skipped).toBeUndefined();
  });

  it('skips a chunk deleted between steps with a note in the trace, and still answers', async () => {
    const { final, ran } = await run([WEATHER_ZH, RAG_ZH, PROMPT_ZH], (done, store) => {
      if (done.length === 1) store.stored.delete('weather-zh');
    });
    expect(ran.at(-1)).toBe('finalize');
    expect(final.trace?.skipped).toEqual([
      { id: 'weather-zh', source: 'weather-zh.md', reason: 'deleted or changed after retrieval' },
    ]);
    expect(final.trace?.chunks.map((c) => c.id)).not.toContain('weather-zh');
    expect(final.abstained).toBe(false);
  });

  it('a cache in front of the store serves what a search already returned, without a fetch', async () => {
    const store = bodyStore([RAG_ZH]);
    const texts = cachedChunkTexts(store.fetch);
    const place = { tenant: 't1', knowledgeBase: 'kb' };
    texts.remember([RAG_ZH], place);
    const got = await texts.read(['rag-zh', 'prompt-zh'], place);
    expect(got.get('rag-zh')?.text).toBe(RAG_ZH.text);
    expect(got.has('prompt-zh')).toBe(false);
    expect(store.fetches).toEqual([['prompt-zh']]);
    // Another knowledge base's chunk of the same id is not this one.
    await texts.read(['rag-zh'], { tenant: 't1', knowledgeBase: 'other' });
    expect(store.fetches).toEqual([['prompt-zh'], ['rag-zh']]);
  });

  it('expires remembered bodies, so a deleted document stops being quoted', async () => {
    let now = 0;
    const store = bodyStore([]);
    const texts = cachedChunkTexts(store.fetch, { ttlMs: 1000, now: () => now });
    const place = { tenant: 't1', knowledgeBase: 'kb' };
    texts.remember([RAG_ZH], place);
    expect((await texts.read(['rag-zh'], place)).has('rag-zh')).toBe(true);
    now = 1001;
    expect((await texts.read(['rag-zh'], place)).has('rag-zh')).toBe(false);
  });
});
