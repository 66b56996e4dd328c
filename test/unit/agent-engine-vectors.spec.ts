import { chunkVectors } from '../../src/agent/chunk-vectors';
import { composeAnswer } from '../../src/agent/extractive/compose';
import {
  engineTextsOf,
  engineVectorsTag,
  gradeText,
  packEngineVectors,
  textKey,
  unpackEngineVectors,
} from '../../src/agent/extractive/engine-vectors';
import { fromHalf, toHalf } from '../../src/agent/extractive/half-float';
import { DEFAULT_EXTRACTIVE_OPTIONS } from '../../src/agent/extractive/options';
import { chunkUnits } from '../../src/agent/extractive/units';
import type { StoredVectors } from '../../src/knowledge/types';
import { RAG_ZH } from './agent-fixtures';

const place = { tenant: 't', knowledgeBase: 'kb' };
/** A made-up embedding: a vector from the text's characters, so equal texts match. */
const vectorOf = (text: string) => [text.length % 7, textKey(text) % 11, 1];

describe('half precision', () => {
  it('round-trips what a half can hold exactly and rounds the rest to the nearest half', () => {
    for (const x of [0, 1, -2, 0.5, 65504, 2 ** -24, -0.1875]) expect(fromHalf(toHalf(x))).toBe(x);
    for (const x of [0.1, -0.3333, 0.0123, 1e-6]) {
      expect(Math.abs(fromHalf(toHalf(x)) - x)).toBeLessThanOrEqual(
        Math.abs(x) * 2 ** -11 + 2 ** -25,
      );
    }
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
  });
});

describe('stored engine vectors', () => {
  it('are the grading text and the units the engine cuts, once each', () => {
    const c = RAG_ZH;
    const texts = engineTextsOf(c);
    expect(texts[0]).toBe(gradeText(c));
    expect(texts.slice(1)).toEqual([...new Set(chunkUnits(c).map((u) => u.text))]);
    expect(texts.length).toBeGreaterThan(2);
  });

  it('unpack to the packed vectors (as halves) under the same tag, and to nothing under another', () => {
    const texts = ['一句话。', '另一句话。'];
    const vectors = [
      [0.1, -0.2, 0.3],
      [0.5, 0.25, -1],
    ];
    const stored = packEngineVectors('model-a', texts, vectors);
    expect(stored.tag).toBe(engineVectorsTag('model-a'));
    const back = unpackEngineVectors(stored, 'model-a');
    expect([...back.keys()]).toEqual(texts.map(textKey));
    expect(Array.from(back.get(textKey(texts[1])) ?? [])).toEqual([0.5, 0.25, -1]);
    expect(back.get(textKey(texts[0]))?.[0]).toBeCloseTo(0.1, 3);
    expect(unpackEngineVectors(stored, 'model-b').size).toBe(0);
    expect(unpackEngineVectors({ tag: 'old', data: stored.data }, 'model-a').size).toBe(0);
    expect(unpackEngineVectors({ ...stored, data: 'AAAA' }, 'model-a').size).toBe(0);
  });
});

describe('chunkVectors', () => {
  function setup(stored: Map<string, StoredVectors | undefined>) {
    const embedded: string[][] = [];
    const fetched: string[][] = [];
    const vectors = chunkVectors({
      embed: (texts) => {
        embedded.push(texts);
        return Promise.resolve(texts.map(vectorOf));
      },
      modelId: () => 'm',
      fetchStored: (ids) => {
        fetched.push(ids);
        return Promise.resolve(new Map(ids.map((id) => [id, stored.get(id)])));
      },
    });
    return { vectors, embedded, fetched };
  }

  it('uses the vectors stored with a chunk, fetching each chunk once, and embeds none of them', async () => {
    const texts = ['甲句。', '乙句。'];
    const { vectors, embedded, fetched } = setup(
      new Map([['c1', packEngineVectors('m', texts, texts.map(vectorOf))]]),
    );
    const items = texts.map((text) => ({ chunkId: 'c1', text }));
    const first = await vectors.at(place).of(items);
    expect(first.map((v) => Array.from(v))).toEqual(texts.map(vectorOf));
    await vectors.at(place).of(items);
    expect(fetched).toEqual([['c1']]);
    expect(embedded).toEqual([]);
    expect(vectors.stats.stored).toBe(4);
  });

  it('embeds what a chunk ingested before stored vectors lacks, once, and keeps it with the chunk', async () => {
    const { vectors, embedded } = setup(new Map([['old', undefined]]));
    const items = [
      { chunkId: 'old', text: '丙句。' },
      { chunkId: 'old', text: '丁句。' },
    ];
    await vectors.at(place).of(items);
    await vectors.at(place).of(items);
    expect(embedded).toEqual([['丙句。', '丁句。']]);
    expect(vectors.stats).toMatchObject({ computed: 2, cached: 2, stored: 0 });
  });

  it('takes vectors the claim check read with the chunk without another fetch', async () => {
    const { vectors, fetched, embedded } = setup(new Map());
    vectors.remember('c2', packEngineVectors('m', ['戊句。'], [vectorOf('戊句。')]));
    await vectors.at(place).of([{ chunkId: 'c2', text: '戊句。' }]);
    expect(fetched).toEqual([]);
    expect(embedded).toEqual([]);
  });

  it('gives composeAnswer the same answer as embedding the units itself', async () => {
    const c = RAG_ZH;
    const embed = (texts: string[]) => Promise.resolve(texts.map(vectorOf));
    const question = 'RAG 是什么？';
    const plain = await composeAnswer(question, [c], DEFAULT_EXTRACTIVE_OPTIONS, embed);
    const texts = engineTextsOf(c);
    const { vectors, embedded } = setup(
      new Map([[c.id, packEngineVectors('m', texts, texts.map(vectorOf))]]),
    );
    const stored = await composeAnswer(
      question,
      [c],
      DEFAULT_EXTRACTIVE_OPTIONS,
      embed,
      vectors.at(place),
    );
    expect(stored).toEqual(plain);
    expect(plain.citations.length).toBeGreaterThan(0);
    expect(embedded).toEqual([]);
  });
});
