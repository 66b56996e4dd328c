import type { WeaviateClient } from 'weaviate-client';
import { ChunkRecords } from './chunks';
import { DocumentRecords } from './documents';
import { KnowledgeBaseExistsError } from './errors';
import { withKeyedLock } from './keyed-lock';
import { KnowledgeBaseRecords, validateKnowledgeBaseInput } from './knowledge-bases';
import { DOCUMENT_COLLECTION, kbTenantKey } from './names';
import { StoreSchema } from './schema';
import type { KnowledgeBase, KnowledgeBaseDescription, KnowledgeBaseInput } from './types';
import type { UpsertTarget } from './upsert-document';

/**
 * The knowledge-base half of KnowledgeStore: lifecycle of knowledge bases and the lookups the
 * document and search half builds on.
 */
export class KnowledgeBaseStore {
  protected readonly schema: StoreSchema;
  protected readonly kbs: KnowledgeBaseRecords;
  protected readonly documents: DocumentRecords;
  protected readonly chunks: ChunkRecords;

  constructor(client: WeaviateClient) {
    this.schema = new StoreSchema(client);
    this.kbs = new KnowledgeBaseRecords(client);
    this.documents = new DocumentRecords(client);
    this.chunks = new ChunkRecords(client);
  }

  /** Creates the collections if needed; every method does this itself, so calling it is optional. */
  bootstrap(): Promise<void> {
    return this.schema.ensureRecordCollections();
  }

  async createKnowledgeBase(tenant: string, input: KnowledgeBaseInput): Promise<KnowledgeBase> {
    validateKnowledgeBaseInput(input);
    await this.bootstrap();
    const kbKey = kbTenantKey(tenant, input.name);
    return withKeyedLock(kbKey, async () => {
      if (await this.kbs.get(tenant, input.name)) throw new KnowledgeBaseExistsError(input.name);
      const { embeddingModel, dimensions } = input;
      const chunkCollection = await this.schema.ensureChunkCollection(embeddingModel, dimensions);
      // Tenants first, record last: a knowledge base is visible only once it can hold data.
      await this.ensureKbTenants(kbKey, chunkCollection);
      return this.kbs.insert(tenant, input);
    });
  }

  async getKnowledgeBase(tenant: string, name: string): Promise<KnowledgeBase | null> {
    await this.bootstrap();
    return this.kbs.get(tenant, name);
  }

  /** Like getKnowledgeBase, but a missing knowledge base throws KnowledgeBaseNotFoundError. */
  async requireKnowledgeBase(tenant: string, name: string): Promise<KnowledgeBase> {
    return (await this.target(tenant, name)).kb;
  }

  async listKnowledgeBases(tenant: string): Promise<KnowledgeBase[]> {
    await this.bootstrap();
    return this.kbs.list(tenant);
  }

  async describeKnowledgeBase(tenant: string, name: string): Promise<KnowledgeBaseDescription> {
    const { kb, kbKey, chunkCollection } = await this.target(tenant, name);
    const [stats, chunks] = await Promise.all([
      this.documents.stats(kbKey),
      this.chunks.count(chunkCollection, kbKey),
    ]);
    const { sourceBytes, textBytes, ...documents } = stats;
    return { ...kb, documents, chunks, sourceBytes, textBytes };
  }

  /**
   * Removes the knowledge base's tenants from the document and every chunk collection, then its
   * record (last, so an interrupted delete can be retried). False when it did not exist.
   */
  async deleteKnowledgeBase(tenant: string, name: string): Promise<boolean> {
    await this.bootstrap();
    const kbKey = kbTenantKey(tenant, name);
    return withKeyedLock(kbKey, async () => {
      const collections = [DOCUMENT_COLLECTION, ...(await this.schema.chunkCollections())];
      await Promise.all(collections.map((c) => this.schema.removeTenant(c, kbKey)));
      return this.kbs.remove(tenant, name);
    });
  }

  async touchSync(tenant: string, name: string, at: Date = new Date()): Promise<void> {
    await this.bootstrap();
    await this.kbs.touchSync(tenant, name, at);
  }

  /** The knowledge base (or KnowledgeBaseNotFoundError) and where its data lives. */
  protected async target(tenant: string, kbName: string): Promise<UpsertTarget> {
    await this.bootstrap();
    const kb = await this.kbs.require(tenant, kbName);
    // Memoized per process: after the first call this is free.
    const chunkCollection = await this.schema.ensureChunkCollection(
      kb.embeddingModel,
      kb.dimensions,
    );
    return { kb, kbKey: kbTenantKey(tenant, kbName), chunkCollection };
  }

  protected async ensureKbTenants(kbKey: string, chunkCollection: string): Promise<void> {
    await this.schema.ensureTenants(DOCUMENT_COLLECTION, [kbKey]);
    await this.schema.ensureTenants(chunkCollection, [kbKey]);
  }
}
