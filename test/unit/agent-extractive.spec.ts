import {
  DEFAULT_EXTRACTIVE_OPTIONS,
  splitDraft,
  type Citation,
  type Embed,
  type ExtractiveOptions,
  type Grades,
  type RetrievedChunk,
} from '../../src/agent';
import { checkAnswer } from '../../src/agent/nodes/check-answer';
import { checkGrounding } from '../../src/agent/nodes/check-grounding';
import { generate } from '../../src/agent/nodes/generate';
import { grade } from '../../src/agent/nodes/grade';
import { rewrite } from '../../src/agent/nodes/rewrite';
import {
  chunk,
  GARDEN_EN,
  INJECTION_EN,
  INJECTION_ZH,
  PROMPT_ZH,
  RAG_ZH,
  TRANSFORMER_EN,
  WEATHER_ZH,
} from './agent-fixtures';

/** The nodes' offline forms, as the graph calls them when every role is `extractive`. */
function offline(embed?: Embed, options: Partial<ExtractiveOptions> = {}) {
  const tools = {
    options: { ...DEFAULT_EXTRACTIVE_OPTIONS, ...options },
    ...(embed ? { embed } : {}),
  };
  return {
    grade: (question: string, chunks: RetrievedChunk[]) =>
      grade.offline({ question, chunks }, tools),
    generate: (question: string, chunks: RetrievedChunk[]) =>
      generate.offline({ question, chunks }, tools),
    rewrite: (
      question: string,
      previousQueries: string[],
      chunks: RetrievedChunk[],
      grades: Grades,
      missing: string[] = [],
    ) => rewrite.offline({ question, previousQueries, chunks, grades, missing }, tools),
    checkGrounding: (draft: string, citations: Citation[], chunks: RetrievedChunk[]) =>
      checkGrounding.offline({ sentences: splitDraft(draft), citations, chunks }, tools),
    checkAnswer: (question: string, draft: string) =>
      checkAnswer.offline({ question, draft }, tools),
  };
}

const engine = offline();

async function answer(question: string, chunks: RetrievedChunk[]) {
  const grades = await engine.grade(question, chunks);
  const relevant = chunks.filter((c) => grades[c.id].relevant);
  return { grades, relevant, ...(await engine.generate(question, relevant)) };
}

/** Every sentence carries a marker whose citation quotes its chunk verbatim. */
function expectCitationsCheckOut(
  draft: string,
  citations: { n: number; chunkId: string; quote: string }[],
  chunks: RetrievedChunk[],
) {
  const sentences = splitDraft(draft);
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) {
    expect(s.markers.length).toBeGreaterThan(0);
    for (const n of s.markers) {
      const citation = citations.find((c) => c.n === n);
      const cited = chunks.find((c) => c.id === citation?.chunkId);
      expect(cited?.text).toContain(citation?.quote);
      expect(cited?.text).toContain(s.text);
    }
  }
}

describe('the nodes offline (the extractive engine)', () => {
  it('answers a Chinese question by quoting the relevant chunk with [n] citations', async () => {
    const chunks = [WEATHER_ZH, RAG_ZH, PROMPT_ZH];
    const result = await answer('什么是检索增强生成？', chunks);
    expect(result.relevant.map((c) => c.id)).toEqual(['rag-zh']);
    expect(result.draft).toContain(
      '检索增强生成（RAG）是一种把信息检索和文本生成结合起来的方法。[1]',
    );
    expect(result.citations[0]).toMatchObject({ n: 1, chunkId: 'rag-zh', page: 3 });
    expectCitationsCheckOut(result.draft, result.citations, chunks);
  });

  it('answers an English question with citations that check out', async () => {
    const chunks = [GARDEN_EN, TRANSFORMER_EN];
    const result = await answer('What is the Transformer architecture based on?', chunks);
    expect(result.relevant.map((c) => c.id)).toEqual(['transformer-en']);
    expect(result.draft).toMatch(/based on self-attention\. \[1\]/);
    expectCitationsCheckOut(result.draft, result.citations, chunks);
    const check = await engine.checkAnswer('What is the Transformer based on?', result.draft);
    expect(check.answered).toBe(true);
  });

  it('is deterministic', async () => {
    const a = await answer('什么是检索增强生成？', [RAG_ZH, INJECTION_ZH]);
    const b = await answer('什么是检索增强生成？', [RAG_ZH, INJECTION_ZH]);
    expect(a).toEqual(b);
  });

  it('grades nothing relevant for a question the chunks do not address', async () => {
    const grades = await engine.grade('量子计算机的纠错码如何工作？', [
      RAG_ZH,
      PROMPT_ZH,
      WEATHER_ZH,
    ]);
    expect(Object.values(grades).some((g) => g.relevant)).toBe(false);
    const empty = await engine.generate('量子计算机的纠错码如何工作？', []);
    expect(empty).toEqual({ draft: '', citations: [] });
  });

  it('never quotes a planted instruction that does not match the question', async () => {
    const zh = await answer('什么是检索增强生成？', [INJECTION_ZH, RAG_ZH]);
    expect(zh.draft).not.toContain('我被攻破了');
    expect(zh.draft).not.toContain('忽略');
    const en = await answer('How does self-attention work in a Transformer?', [
      INJECTION_EN,
      TRANSFORMER_EN,
    ]);
    expect(en.draft).not.toMatch(/PWNED|ignore previous/i);
    expect(en.draft).toContain('Self-attention lets every token');
  });

  it('rewrites a query by adding distinctive terms of the best chunks', async () => {
    const chunks = [RAG_ZH, WEATHER_ZH];
    const grades = await engine.grade('大模型的幻觉怎么减少', chunks);
    const query = await engine.rewrite(
      '大模型的幻觉怎么减少',
      ['大模型的幻觉怎么减少'],
      chunks,
      grades,
    );
    expect(query.startsWith('大模型的幻觉怎么减少 ')).toBe(true);
    expect(query.split(' ').length).toBeGreaterThan(1);
    expect(query).toMatch(/检索|文档|知识库/);
  });

  it('flags a sentence its cited chunk does not support', async () => {
    const citations = [{ n: 1, chunkId: 'rag-zh', source: 'rag-zh.md', page: 3, quote: '' }];
    const sentences = await engine.checkGrounding(
      '检索增强生成可以减少模型的幻觉。[1]RAG 由谷歌在 1990 年发明并获得诺贝尔奖。[1]没有引用的句子。',
      citations,
      [RAG_ZH],
    );
    expect(sentences.map((s) => s.supported)).toEqual([true, false, false]);
  });

  it('reports what an answer misses', async () => {
    const check = await engine.checkAnswer('检索增强生成与模型蒸馏的区别', '今天天气晴朗。[1]');
    expect(check.answered).toBe(false);
    expect(check.missing).toEqual(expect.arrayContaining(['蒸馏']));
  });

  it('uses embedding similarity when given, so a question in another language still finds text', async () => {
    // A stand-in embedder: texts about the same topic share a direction.
    const topic = (t: string) => (/检索|retrieval/i.test(t) ? [1, 0] : [0, 1]);
    const embedded = offline((texts) => Promise.resolve(texts.map(topic)));
    const question = 'What is retrieval-augmented generation?';
    const grades = await embedded.grade(question, [RAG_ZH, WEATHER_ZH]);
    expect(grades['rag-zh'].relevant).toBe(true);
    expect(grades['weather-zh'].relevant).toBe(false);
    const { draft, citations } = await embedded.generate(question, [RAG_ZH]);
    expect(draft).toContain('[1]');
    expectCitationsCheckOut(draft, citations, [RAG_ZH]);
    // Without an embedder, only words the dictionaries translate reach the Chinese text.
    expect(
      (await offline().grade('What does a lighthouse keeper do at night?', [RAG_ZH]))['rag-zh'],
    ).toEqual({
      relevant: false,
      score: 0,
    });
    expect((await offline().grade(question, [RAG_ZH]))['rag-zh'].relevant).toBe(true);
  });

  it('caps the answer length and drops duplicate sentences', async () => {
    const topics = ['向量数据库', '重排序模型', '查询改写', '文本分块', '混合搜索', '引用标注'];
    const long = chunk(
      'long',
      topics.map((t) => `检索增强生成的要点包括${t}，它决定了${t}的效果。`).join(''),
    );
    const copy = { ...long, id: 'copy' };
    const engine2 = offline(undefined, { maxSentences: 3 });
    const { draft, citations } = await engine2.generate('检索增强生成的要点', [long, copy]);
    // Three units and the best one's successor, which comes beside the count; none twice.
    const sentences = splitDraft(draft).map((s) => s.text);
    expect(sentences).toHaveLength(4);
    expect(new Set(sentences).size).toBe(4);
    expect(citations.map((c) => c.chunkId)).toEqual(['long']);
  });
});
