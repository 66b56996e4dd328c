import type { WeaviateClient } from 'weaviate-client';
import { ChunkRecords } from './chunks';
import { DocumentRecords } from './documents';
import { KnowledgeBaseDeletedError } from './errors';
import { KnowledgeBaseRecords } from './knowledge-bases';
import { DOCUMENT_COLLECTION } from './names';
import { StoreSchema } from './schema';
import type { UpsertTarget } from './upsert-document';

/** The store's parts over one Weaviate client: its schema and each kind of record. */
export interface StoreRecords {
  schema: StoreSchema;
  kbs: KnowledgeBaseRecords;
  documents: DocumentRecords;
  chunks: ChunkRecords;
}

export function storeRecords(client: WeaviateClient): StoreRecords {
  return {
    schema: new StoreSchema(client),
    kbs: new KnowledgeBaseRecords(client),
    documents: new DocumentRecords(client),
    chunks: new ChunkRecords(client),
  };
}

/** The knowledge base (or KnowledgeBaseNotFoundError) and where its data lives. */
export async function knowledgeBaseTarget(
  records: StoreRecords,
  tenant: string,
  kbName: string,
): Promise<UpsertTarget> {
  await records.schema.ensureRecordCollections();
  const { kb, creationId, dataTenant } = await records.kbs.require(tenant, kbName);
  // Memoized per process: after the first call this is free.
  const chunkCollection = await records.schema.ensureChunkCollection(
    kb.embeddingModel,
    kb.dimensions,
  );
  return { kb, kbKey: dataTenant, chunkCollection, creationId };
}

/** Throws KnowledgeBaseDeletedError unless the target's knowledge base still stands as it was. */
export async function assertCurrent(
  records: StoreRecords,
  tenant: string,
  target: UpsertTarget,
): Promise<void> {
  const now = await records.kbs.record(tenant, target.kb.name);
  if (now?.creationId !== target.creationId) {
    throw new KnowledgeBaseDeletedError(target.kb.name);
  }
}

/** Removes a knowledge base's data tenant from the document and every chunk collection. */
export async function removeTenants(records: StoreRecords, kbKey: string): Promise<void> {
  const { schema } = records;
  const collections = [DOCUMENT_COLLECTION, ...(await schema.chunkCollections())];
  await Promise.all(collections.map((c) => schema.removeTenant(c, kbKey)));
}

export async function ensureKbTenants(
  records: StoreRecords,
  kbKey: string,
  chunkCollection: string,
): Promise<void> {
  await records.schema.ensureTenants(DOCUMENT_COLLECTION, [kbKey]);
  await records.schema.ensureTenants(chunkCollection, [kbKey]);
}
