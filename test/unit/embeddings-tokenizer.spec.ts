import { readFile } from 'node:fs/promises';
import { loadConfig } from '../../src/config/config';
import { modelAssets } from '../../src/models/model-assets';
import { BertTokenizer } from '../../src/knowledge/embeddings/tokenizer/bert-tokenizer';
import {
  parseBertTokenizerJson,
  type BertTokenizerJson,
} from '../../src/knowledge/embeddings/tokenizer/tokenizer-json';
import { findEmbeddingModelFiles } from '../../src/stack/provision';
import fixture from '../fixtures/embeddings/tokenizer-cases.json';

interface TokenizerCase {
  text: string;
  ids: number[];
  lowercase?: boolean;
}

const { embeddingModelDir: modelDir } = modelAssets(loadConfig(process.env));

describe('BertTokenizer (bge-small-zh-v1.5) against HuggingFace tokenizers', () => {
  let json: BertTokenizerJson;
  let tokenizer: BertTokenizer;

  beforeAll(async () => {
    const files = await findEmbeddingModelFiles(modelDir);
    if ('missing' in files) throw new Error(`${modelDir}: ${files.missing}`);
    json = parseBertTokenizerJson(await readFile(files.tokenizer, 'utf8'), files.tokenizer);
    tokenizer = new BertTokenizer(json);
  });

  const cases = fixture.cases as TokenizerCase[];

  it.each(cases.filter((c) => !c.lowercase).map((c) => [JSON.stringify(c.text).slice(0, 60), c]))(
    'encodes %s',
    (_label, { text, ids }) => {
      expect(tokenizer.encode(text)).toEqual(ids);
    },
  );

  it('lowercases and strips accents when the normalizer asks for it', () => {
    const lowercasing = new BertTokenizer({
      ...json,
      normalizer: { ...json.normalizer, lowercase: true },
    });
    for (const { text, ids } of cases.filter((c) => c.lowercase)) {
      expect(lowercasing.encode(text)).toEqual(ids);
    }
  });

  it('truncates to 512 tokens, keeping [CLS] and [SEP]', () => {
    const ids = tokenizer.encode('向量检索'.repeat(400));
    expect(ids).toHaveLength(512);
    expect(ids[0]).toBe(101);
    expect(ids[511]).toBe(102);
  });

  it('refuses a tokenizer.json it does not implement', () => {
    const unigram = JSON.stringify({ ...json, model: { type: 'Unigram' } });
    expect(() => parseBertTokenizerJson(unigram, 'x.json')).toThrow(
      /x\.json is not a BERT WordPiece tokenizer.*model/s,
    );
  });
});
