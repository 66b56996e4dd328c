import type { WeaviateClient } from 'weaviate-client';
import type { Chunk } from '../types';
import type { ChunkBody } from './chunks';
import { failedDocument } from './document-values';
import { InvalidStoreRequestError } from './errors';
import {
  createKnowledgeBase,
  deleteKnowledgeBase,
  describeKnowledgeBase,
} from './knowledge-base-lifecycle';
import {
  assertCurrent,
  ensureKbTenants,
  knowledgeBaseTarget,
  removeTenants,
  storeRecords,
  type StoreRecords,
} from './records';
import { OptimisticTargets } from './optimistic-target';
import { searchChunks } from './search';
import { checkQueryVector, validateSearch } from './search-request';
import type {
  DocumentInput,
  DocumentPage,
  KnowledgeBase,
  KnowledgeBaseDescription,
  KnowledgeBaseInput,
  SearchRequest,
  SearchResult,
  StoredDocument,
  UpsertResult,
} from './types';
import { upsertDocument, type UpsertTarget } from './upsert-document';
import { isTenantNotFound } from './weaviate-values';

const MAX_DOCUMENT_PAGE = 1000;

/**
 * Quarry's knowledge bases on Weaviate. Every Quarry tenant and every knowledge base is its own
 * Weaviate tenant, so no query can reach another tenant's data; vectors are brought by the caller.
 * It is made of its records (records.ts): knowledge-base lifecycle in knowledge-base-lifecycle.ts,
 * writes in upsert-document.ts, search in search.ts.
 */
export class KnowledgeStore {
  private readonly records: StoreRecords;
  private readonly searchTargets = new OptimisticTargets();

  constructor(client: WeaviateClient) {
    this.records = storeRecords(client);
  }

  private get chunks() {
    return this.records.chunks;
  }

  private get documents() {
    return this.records.documents;
  }

  /** Creates the collections if needed; every method does this itself, so calling it is optional. */
  bootstrap(): Promise<void> {
    return this.records.schema.ensureRecordCollections();
  }

  createKnowledgeBase(tenant: string, input: KnowledgeBaseInput): Promise<KnowledgeBase> {
    return createKnowledgeBase(this.records, tenant, input);
  }

  async getKnowledgeBase(tenant: string, name: string): Promise<KnowledgeBase | null> {
    await this.bootstrap();
    return this.records.kbs.get(tenant, name);
  }

  /** Like getKnowledgeBase, but a missing knowledge base throws KnowledgeBaseNotFoundError. */
  async requireKnowledgeBase(tenant: string, name: string): Promise<KnowledgeBase> {
    return (await this.target(tenant, name)).kb;
  }

  async listKnowledgeBases(tenant: string): Promise<KnowledgeBase[]> {
    await this.bootstrap();
    return this.records.kbs.list(tenant);
  }

  describeKnowledgeBase(tenant: string, name: string): Promise<KnowledgeBaseDescription> {
    return describeKnowledgeBase(this.records, tenant, name);
  }

  /** See deleteKnowledgeBase in knowledge-base-lifecycle.ts: false when it did not exist. */
  deleteKnowledgeBase(tenant: string, name: string): Promise<boolean> {
    return deleteKnowledgeBase(this.records, tenant, name);
  }

  /** The Weaviate tenant holding the knowledge base's documents and chunks, or null. */
  async dataTenant(tenant: string, name: string): Promise<string | null> {
    await this.bootstrap();
    return (await this.records.kbs.record(tenant, name))?.dataTenant ?? null;
  }

  async touchSync(tenant: string, name: string, at: Date = new Date()): Promise<void> {
    await this.bootstrap();
    await this.records.kbs.touchSync(tenant, name, at);
  }

  /** See `upsertDocument`: idempotent, and replaces exactly this source's changed chunks. */
  async upsertDocumentChunks(
    tenant: string,
    kbName: string,
    doc: DocumentInput,
    chunks: Chunk[],
    vectors: number[][],
  ): Promise<UpsertResult> {
    const target = await this.target(tenant, kbName);
    const records = { chunks: this.chunks, documents: this.documents };
    try {
      return await upsertDocument(records, target, doc, chunks, vectors);
    } catch (err) {
      if (!isTenantNotFound(err)) throw err;
      // No tenant: the knowledge base was deleted meanwhile (its tenants go first), or its
      // create was interrupted before the tenants were made. Only the second may heal them.
      await assertCurrent(this.records, tenant, target);
      await ensureKbTenants(this.records, target.kbKey, target.chunkCollection);
      const result = await upsertDocument(records, target, doc, chunks, vectors);
      try {
        await assertCurrent(this.records, tenant, target);
      } catch (deleted) {
        // Deleted while healing: the tenants made again hold only these writes. Remove them.
        await removeTenants(this.records, target.kbKey);
        throw deleted;
      }
      return result;
    }
  }

  /** Marks a source as failed and removes its chunks: nothing half-written stays searchable. */
  async recordFailedDocument(
    tenant: string,
    kbName: string,
    source: string,
    error: string,
  ): Promise<void> {
    const { kbKey, chunkCollection } = await this.target(tenant, kbName);
    await this.chunks.deleteSource(chunkCollection, kbKey, source);
    await this.documents.write(kbKey, failedDocument(source, error));
  }

  async listDocuments(
    tenant: string,
    kbName: string,
    page: { cursor?: string; limit?: number } = {},
  ): Promise<DocumentPage> {
    const limit = page.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DOCUMENT_PAGE) {
      throw new InvalidStoreRequestError(`limit must be an integer from 1 to ${MAX_DOCUMENT_PAGE}`);
    }
    const { kbKey } = await this.target(tenant, kbName);
    return this.documents.list(kbKey, page.cursor, limit);
  }

  async getDocument(
    tenant: string,
    kbName: string,
    source: string,
  ): Promise<StoredDocument | null> {
    const { kbKey } = await this.target(tenant, kbName);
    return this.documents.get(kbKey, source);
  }

  /** Deletes all of a source's chunks, then its record; false when neither existed. */
  async deleteDocument(tenant: string, kbName: string, source: string): Promise<boolean> {
    const { kbKey, chunkCollection } = await this.target(tenant, kbName);
    const deletedChunks = await this.chunks.deleteSource(chunkCollection, kbKey, source);
    const existed = await this.documents.remove(kbKey, source);
    return existed || deletedChunks > 0;
  }

  /**
   * Source → docHash of the documents (empty hash for failed ones): what a sync compares.
   * With `sources`, only those (a single-file ingestion need not read the whole knowledge base).
   */
  async documentHashes(
    tenant: string,
    kbName: string,
    sources?: string[],
  ): Promise<Map<string, string>> {
    const { kbKey } = await this.target(tenant, kbName);
    return this.documents.hashes(kbKey, sources);
  }

  async chunkIdsForSource(tenant: string, kbName: string, source: string): Promise<string[]> {
    const { kbKey, chunkCollection } = await this.target(tenant, kbName);
    return this.chunks.idsForSource(chunkCollection, kbKey, source);
  }

  /** Text and headings of stored chunks by id, one round trip; missing ids are absent. */
  async chunkBodies(
    tenant: string,
    kbName: string,
    ids: string[],
  ): Promise<Map<string, ChunkBody>> {
    const { kbKey, chunkCollection } = await this.target(tenant, kbName);
    return this.chunks.bodies(chunkCollection, kbKey, ids);
  }

  async search(tenant: string, kbName: string, request: SearchRequest): Promise<SearchResult> {
    const search = validateSearch(request);
    const lookup = () => this.target(tenant, kbName);
    const hits = await this.searchTargets.run(
      tenant,
      kbName,
      lookup,
      ({ kb, kbKey, chunkCollection }) => {
        checkQueryVector(kb, request);
        const chunks = this.chunks.collection(chunkCollection, kbKey);
        return searchChunks(chunks, search).catch((err: unknown) => {
          if (isTenantNotFound(err)) return [];
          throw err;
        });
      },
    );
    return { hits };
  }

  private target(tenant: string, kbName: string): Promise<UpsertTarget> {
    return knowledgeBaseTarget(this.records, tenant, kbName);
  }
}
