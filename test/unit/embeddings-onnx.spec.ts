import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { modelAssets } from '../../src/models/model-assets';
import {
  BGE_ZH_QUERY_INSTRUCTION,
  OnnxBgeEmbedder,
  createEmbedder,
} from '../../src/knowledge/embeddings';
import { onnxSessionOptions } from '../../src/knowledge/embeddings/onnx/session-options';
import fixture from '../fixtures/embeddings/vector-cases.json';

const { embeddingModelDir: modelDir } = modelAssets(loadConfig(process.env));
const cosine = (a: number[], b: number[]): number => a.reduce((sum, x, i) => sum + x * b[i], 0);

const ML_PASSAGE =
  '机器学习是人工智能的一个分支，研究计算机如何从数据中学习规律，并用学到的模型对新数据做出预测。';
const COOKING_PASSAGE =
  '红烧肉的做法：五花肉切块焯水，加冰糖炒出糖色，再加酱油和水，小火慢炖一小时至软糯。';

describe('OnnxBgeEmbedder (bge-small-zh-v1.5 on ONNX Runtime)', () => {
  // The reference vectors were computed with the tokenizer.json as shipped (no lowercasing).
  const embedder = new OnnxBgeEmbedder({ modelDir, lowercase: false });

  afterAll(() => embedder.close());

  it('matches vectors from the Python reference (tokenizers + onnxruntime)', async () => {
    const documents = fixture.cases.filter((c) => c.kind === 'document');
    const vectors = await embedder.embedDocuments(documents.map((c) => c.text));
    const queryCases = fixture.cases.filter((c) => c.kind === 'query');
    for (const c of queryCases) vectors.push(await embedder.embedQuery(c.text));
    [...documents, ...queryCases].forEach((c, i) => {
      expect(vectors[i]).toHaveLength(512);
      expect(cosine(vectors[i], vectors[i])).toBeCloseTo(1, 5);
      vectors[i]
        .slice(0, 8)
        .forEach((x, k) => expect(Math.abs(x - c.first8[k])).toBeLessThan(1e-4));
    });
  });

  it('ranks a machine-learning passage above a cooking one for Chinese and English queries', async () => {
    const [ml, cooking] = await embedder.embedDocuments([ML_PASSAGE, COOKING_PASSAGE]);
    const zh = await embedder.embedQuery('什么是机器学习？');
    const en = await embedder.embedQuery('what is machine learning');
    const scores = {
      zhMl: cosine(zh, ml),
      zhCooking: cosine(zh, cooking),
      enMl: cosine(en, ml),
      enCooking: cosine(en, cooking),
    };
    console.log('bge-small-zh-v1.5 cosine similarities', scores);
    expect(scores.zhMl).toBeGreaterThan(scores.zhCooking + 0.2);
    expect(scores.enMl).toBeGreaterThan(scores.enCooking + 0.1);
  });

  it('gives the same vectors in length-bucketed batches as one text at a time', async () => {
    const texts = [
      '短句',
      ML_PASSAGE,
      'Transformers use self-attention.',
      COOKING_PASSAGE.repeat(6),
      '向量数据库用于存储和检索嵌入向量',
      '',
      'RAG 结合检索与生成，回答时给出引用。',
    ];
    const smallBatches = new OnnxBgeEmbedder({ modelDir, batchSize: 3, lowercase: false });
    const batched = await smallBatches.embedDocuments(texts);
    await smallBatches.close();
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embedDocuments([text]);
      single.forEach((x, k) => expect(Math.abs(x - batched[i][k])).toBeLessThan(1e-5));
    }
  });

  it('prefixes the bge instruction to queries only, and can be told not to', async () => {
    const [instructed] = await embedder.embedDocuments([`${BGE_ZH_QUERY_INSTRUCTION}机器学习`]);
    expect(cosine(await embedder.embedQuery('机器学习'), instructed)).toBeCloseTo(1, 6);
    const plain = new OnnxBgeEmbedder({ modelDir, queryInstruction: null, lowercase: false });
    const [bare] = await embedder.embedDocuments(['机器学习']);
    expect(cosine(await plain.embedQuery('机器学习'), bare)).toBeCloseTo(1, 6);
    await plain.close();
  });

  it('embeds texts longer than 512 tokens by truncating them', async () => {
    const [long] = await embedder.embedDocuments([
      '深度学习模型在自然语言处理任务中表现出色。'.repeat(100),
    ]);
    expect(long).toHaveLength(512);
    expect(await embedder.embedDocuments([])).toEqual([]);
  });

  it('stops between batches when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the workflow'));
    await expect(embedder.embedDocuments(['a'], controller.signal)).rejects.toThrow(
      'cancelled by the workflow',
    );
  });

  it('names the folder when the model files are missing, and succeeds once they appear', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'quarry-embeddings-'));
    try {
      const later = createEmbedder(
        { provider: 'local', model: 'bge-small-zh-v1.5', threads: 1 },
        { modelDir: empty },
      );
      await expect(later.embedQuery('x')).rejects.toThrow(`${empty} has no .onnx file`);
      for (const name of ['bge-small-zh-v1.5.onnx', 'bge-small-zh-v1.5-tokenizer.json']) {
        await symlink(join(modelDir, name), join(empty, name));
      }
      expect(await later.embedQuery('x')).toHaveLength(512);
      await later.close();
    } finally {
      await rm(empty, { recursive: true });
    }
  });

  it('lowercases by default, so capitalised English is not lost to [UNK]', async () => {
    const cased = new OnnxBgeEmbedder({ modelDir });
    try {
      const [upper, lower] = await cased.embedDocuments([
        'What is Machine Learning?',
        'what is machine learning?',
      ]);
      expect(cosine(upper, lower)).toBeGreaterThan(0.9999);
    } finally {
      await cased.close();
    }
  });

  it('closes while a batch is being embedded: the batch gets its vectors, the thread ends', async () => {
    const closing = new OnnxBgeEmbedder({ modelDir, batchSize: 32 });
    await closing.embedQuery('warm up');
    const texts = Array.from({ length: 32 }, (_, i) => `${ML_PASSAGE}${i}`);
    const inFlight = closing.embedDocuments(texts);
    // Terminating the thread at this point used to abort the whole process inside the binding.
    await new Promise((r) => setImmediate(r));
    await closing.close();
    const vectors = await inFlight;
    expect(vectors).toHaveLength(32);
    expect(vectors.every((v) => v.length === 512)).toBe(true);
    // A later call starts a new thread.
    expect(await closing.embedQuery('after close')).toHaveLength(512);
    await closing.close();
  });
});

describe('onnxSessionOptions', () => {
  it('turns the intra-op threads’ spinning off, and ONNX Runtime runs the model with it', async () => {
    const options = onnxSessionOptions(2);
    expect(options.extra).toEqual({ session: { intra_op: { allow_spinning: '0' } } });
    const embedder = new OnnxBgeEmbedder({ modelDir, threads: 2 });
    try {
      const [vector] = await embedder.embedDocuments(['检索增强生成']);
      expect(vector).toHaveLength(512);
      expect(Math.abs(cosine(vector, vector) - 1)).toBeLessThan(1e-4);
    } finally {
      await embedder.close();
    }
  });
});
