import { randomUUID } from 'node:crypto';
import type { WeaviateClient } from 'weaviate-client';
import { ChunkRecords } from './chunks';
import { DocumentRecords } from './documents';
import { KnowledgeBaseDeletedError, KnowledgeBaseExistsError } from './errors';
import { withKeyedLock } from './keyed-lock';
import { KnowledgeBaseRecords, validateKnowledgeBaseInput } from './knowledge-bases';
import { DOCUMENT_COLLECTION, kbDataTenant, kbTenantKey } from './names';
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
    return withKeyedLock(kbTenantKey(tenant, input.name), async () => {
      if (await this.kbs.get(tenant, input.name)) throw new KnowledgeBaseExistsError(input.name);
      const { embeddingModel, dimensions } = input;
      const chunkCollection = await this.schema.ensureChunkCollection(embeddingModel, dimensions);
      // Fresh tenants for each creation: a late write for a deleted knowledge base of the same
      // name can only reach that one's (removed) tenants, never this one's.
      const creationId = randomUUID();
      const dataTenant = kbDataTenant(tenant, input.name, creationId);
      // Tenants first, record last: a knowledge base is visible only once it can hold data.
      await this.ensureKbTenants(dataTenant, chunkCollection);
      try {
        return await this.kbs.insert(tenant, input, { creationId, dataTenant });
      } catch (err) {
        if (err instanceof KnowledgeBaseExistsError) await this.removeTenants(dataTenant);
        throw err;
      }
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
    const legacyKey = kbTenantKey(tenant, name);
    return withKeyedLock(legacyKey, async () => {
      const record = await this.kbs.record(tenant, name);
      await this.removeTenants(legacyKey);
      if (record && record.dataTenant !== legacyKey) await this.removeTenants(record.dataTenant);
      return this.kbs.remove(tenant, name);
    });
  }

  /** The Weaviate tenant holding the knowledge base's documents and chunks, or null. */
  async dataTenant(tenant: string, name: string): Promise<string | null> {
    await this.bootstrap();
    return (await this.kbs.record(tenant, name))?.dataTenant ?? null;
  }

  async touchSync(tenant: string, name: string, at: Date = new Date()): Promise<void> {
    await this.bootstrap();
    await this.kbs.touchSync(tenant, name, at);
  }

  /** The knowledge base (or KnowledgeBaseNotFoundError) and where its data lives. */
  protected async target(tenant: string, kbName: string): Promise<UpsertTarget> {
    await this.bootstrap();
    const { kb, creationId, dataTenant } = await this.kbs.require(tenant, kbName);
    // Memoized per process: after the first call this is free.
    const chunkCollection = await this.schema.ensureChunkCollection(
      kb.embeddingModel,
      kb.dimensions,
    );
    return { kb, kbKey: dataTenant, chunkCollection, creationId };
  }

  /** Throws KnowledgeBaseDeletedError unless the target's knowledge base still stands as it was. */
  protected async assertCurrent(tenant: string, target: UpsertTarget): Promise<void> {
    const now = await this.kbs.record(tenant, target.kb.name);
    if (now?.creationId !== target.creationId) {
      throw new KnowledgeBaseDeletedError(target.kb.name);
    }
  }

  protected async removeTenants(kbKey: string): Promise<void> {
    const collections = [DOCUMENT_COLLECTION, ...(await this.schema.chunkCollections())];
    await Promise.all(collections.map((c) => this.schema.removeTenant(c, kbKey)));
  }

  protected async ensureKbTenants(kbKey: string, chunkCollection: string): Promise<void> {
    await this.schema.ensureTenants(DOCUMENT_COLLECTION, [kbKey]);
    await this.schema.ensureTenants(chunkCollection, [kbKey]);
  }
}
