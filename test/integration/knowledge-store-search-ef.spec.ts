import { randomUUID } from 'node:crypto';
import type { WeaviateClass, WeaviateClient } from 'weaviate-client';
import { loadConfig } from '../../src/config/config';
import { chunkCollectionName, KnowledgeStore } from '../../src/knowledge/store';
import {
  chunkClass,
  HNSW_EF,
  HNSW_EF_CONSTRUCTION,
  HNSW_MAX_CONNECTIONS,
  VECTOR_NAME,
} from '../../src/knowledge/store/schema-definitions';
import { connectWeaviate } from '../../src/knowledge/weaviate.service';

const DIMS = 8;
/** What chunk collections were given before HNSW_EF: dynamic ef, 1024 to 2048. */
const DYNAMIC_EF = { ef: -1, dynamicEfMin: 1024, dynamicEfMax: 2048, dynamicEfFactor: 64 };

describe('Search-time ef of chunk collections', () => {
  let client: WeaviateClient;
  const made: string[] = [];

  beforeAll(async () => {
    client = await connectWeaviate(loadConfig(process.env).weaviate);
  });
  afterAll(async () => {
    for (const name of made) await client.collections.delete(name);
    await client?.close();
  });

  /** A chunk collection as an earlier Quarry made it, with `index` over today's definition. */
  async function earlierCollection(model: string, index: Record<string, unknown>) {
    const name = chunkCollectionName(model, DIMS);
    const today = chunkClass(name, model, DIMS);
    const vector = today.vectorConfig?.[VECTOR_NAME];
    const definition: WeaviateClass = {
      ...today,
      vectorConfig: {
        [VECTOR_NAME]: {
          ...vector,
          vectorIndexConfig: { ...(vector?.vectorIndexConfig as object), ...index },
        },
      },
    };
    await client.collections.createFromSchema(definition);
    made.push(name);
    return name;
  }

  const indexConfig = async (name: string) => {
    const index = (await client.collections.use(name).config.get()).vectorizers[VECTOR_NAME]
      ?.indexConfig as { ef: number; efConstruction: number; maxConnections: number };
    return {
      ef: index.ef,
      efConstruction: index.efConstruction,
      maxConnections: index.maxConnections,
    };
  };

  const useModel = (model: string) =>
    new KnowledgeStore(client).createKnowledgeBase(`t-${randomUUID()}`, {
      name: 'papers',
      embeddingModel: model,
      dimensions: DIMS,
      chunkSize: 200,
      chunkOverlap: 20,
    });

  it('creates new chunk collections with the denser graph and HNSW_EF', async () => {
    const model = `ef-new-${randomUUID()}`;
    await useModel(model);
    made.push(chunkCollectionName(model, DIMS));
    expect(await indexConfig(chunkCollectionName(model, DIMS))).toEqual({
      ef: HNSW_EF,
      efConstruction: HNSW_EF_CONSTRUCTION,
      maxConnections: HNSW_MAX_CONNECTIONS,
    });
  });

  it('gives HNSW_EF to an existing collection built with the same graph', async () => {
    const model = `ef-same-${randomUUID()}`;
    const name = await earlierCollection(model, DYNAMIC_EF);
    expect((await indexConfig(name)).ef).toBe(-1);
    await useModel(model);
    expect((await indexConfig(name)).ef).toBe(HNSW_EF);
  });

  it('leaves the ef of a collection built with Weaviate’s default graph alone', async () => {
    const model = `ef-default-${randomUUID()}`;
    const name = await earlierCollection(model, {
      ...DYNAMIC_EF,
      efConstruction: 128,
      maxConnections: 32,
    });
    await useModel(model);
    expect(await indexConfig(name)).toEqual({ ef: -1, efConstruction: 128, maxConnections: 32 });
  });
});
