import { reconfigure, type WeaviateClass, type WeaviateClient } from 'weaviate-client';
import {
  chunkClass,
  CHUNK_PROPERTIES,
  DOCUMENT_CLASS,
  DOCUMENT_PROPERTIES,
  HNSW_EF,
  HNSW_EF_CONSTRUCTION,
  HNSW_MAX_CONNECTIONS,
  KNOWLEDGE_BASE_CLASS,
  KNOWLEDGE_BASE_PROPERTIES,
  VECTOR_NAME,
  type PropertyDefinition,
} from './schema-definitions';
import { CHUNK_COLLECTION_PREFIX, chunkCollectionName } from './names';

/**
 * Creates Quarry's collections on first use. Idempotent and safe when processes race: a create
 * that loses the race is fine as long as the collection exists afterwards; properties added in
 * later Quarry versions are added to collections made by earlier ones, and chunk collections built
 * with today's HNSW graph get today's search-time ef.
 */
export class StoreSchema {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly client: WeaviateClient) {}

  ensureRecordCollections(): Promise<void> {
    return Promise.all([
      this.ensure(KNOWLEDGE_BASE_CLASS, KNOWLEDGE_BASE_PROPERTIES),
      this.ensure(DOCUMENT_CLASS, DOCUMENT_PROPERTIES),
    ]).then(() => undefined);
  }

  /** The chunk collection for a model, created when the first knowledge base uses that model. */
  async ensureChunkCollection(embeddingModel: string, dimensions: number): Promise<string> {
    const name = chunkCollectionName(embeddingModel, dimensions);
    await this.ensure(chunkClass(name, embeddingModel, dimensions), CHUNK_PROPERTIES, () =>
      this.alignSearchEf(name),
    );
    return name;
  }

  /** Every chunk collection in Weaviate, whichever process created it. */
  async chunkCollections(): Promise<string[]> {
    const all = await this.client.collections.listAll();
    return all.map((c) => c.name).filter((name) => name.startsWith(CHUNK_COLLECTION_PREFIX));
  }

  /** Creates tenants that do not exist yet; a concurrent creator winning the race is fine. */
  async ensureTenants(collection: string, names: string[]): Promise<void> {
    const tenants = this.client.collections.use(collection).tenants;
    const existing = await tenants.getByNames(names);
    const missing = names.filter((name) => !(name in existing));
    if (missing.length === 0) return;
    try {
      await tenants.create(missing.map((name) => ({ name })));
    } catch (err) {
      const after = await tenants.getByNames(missing);
      if (missing.some((name) => !(name in after))) throw err;
    }
  }

  /** Removing a tenant that does not exist is not an error in Weaviate. */
  async removeTenant(collection: string, name: string): Promise<void> {
    await this.client.collections.use(collection).tenants.remove([name]);
  }

  private ensure(
    definition: WeaviateClass,
    properties: PropertyDefinition[],
    reconcile?: () => Promise<void>,
  ): Promise<void> {
    const name = definition.class ?? '';
    let pending = this.ensured.get(name);
    if (!pending) {
      pending = this.create(name, definition, properties, reconcile);
      // A failure (Weaviate down) must not stick: the next call tries again.
      void pending.catch(() => this.ensured.delete(name));
      this.ensured.set(name, pending);
    }
    return pending;
  }

  private async create(
    name: string,
    definition: WeaviateClass,
    properties: PropertyDefinition[],
    reconcile?: () => Promise<void>,
  ): Promise<void> {
    const collections = this.client.collections;
    if (!(await collections.exists(name))) {
      try {
        await collections.createFromSchema(definition);
        return;
      } catch (err) {
        if (!(await collections.exists(name))) throw err;
      }
    }
    await this.addMissingProperties(name, properties);
    await reconcile?.();
  }

  /**
   * ef is the one HNSW setting Weaviate changes on an existing collection. Only a collection whose
   * graph is built as new ones are gets HNSW_EF: that value was chosen on that graph, and an older,
   * sparser graph (Weaviate's defaults) needs its higher ef to keep its recall.
   */
  private async alignSearchEf(name: string): Promise<void> {
    const collection = this.client.collections.use(name);
    const index = (await collection.config.get()).vectorizers[VECTOR_NAME]?.indexConfig;
    if (!index || !('efConstruction' in index) || !('maxConnections' in index)) return;
    const sameGraph =
      index.efConstruction === HNSW_EF_CONSTRUCTION &&
      index.maxConnections === HNSW_MAX_CONNECTIONS;
    if (!sameGraph || index.ef === HNSW_EF) return;
    try {
      await collection.config.update({
        vectorizers: [
          reconfigure.vectors.update({
            name: VECTOR_NAME,
            vectorIndexConfig: reconfigure.vectorIndex.hnsw({ ef: HNSW_EF }),
          }),
        ],
      });
    } catch (err) {
      // Another process aligning it at the same moment is fine.
      const now = (await collection.config.get()).vectorizers[VECTOR_NAME]?.indexConfig;
      if (!now || !('ef' in now) || now.ef !== HNSW_EF) throw err;
    }
  }

  private async addMissingProperties(name: string, wanted: PropertyDefinition[]): Promise<void> {
    const collection = this.client.collections.use(name);
    const present = new Set((await collection.config.get()).properties.map((p) => p.name));
    for (const p of wanted.filter((w) => !present.has(w.name))) {
      try {
        await collection.config.addProperty({
          name: p.name,
          dataType: p.dataType,
          tokenization: p.tokenization,
          indexFilterable: p.filterable,
          indexSearchable: p.searchable,
        });
      } catch (err) {
        const now = await collection.config.get();
        if (!now.properties.some((q) => q.name === p.name)) throw err;
      }
    }
  }
}
