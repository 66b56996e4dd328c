import { randomUUID } from 'node:crypto';
import { KnowledgeBaseExistsError } from './errors';
import { withKeyedLock } from './keyed-lock';
import { validateKnowledgeBaseInput } from './knowledge-bases';
import { kbDataTenant, kbTenantKey } from './names';
import { ensureKbTenants, knowledgeBaseTarget, removeTenants, type StoreRecords } from './records';
import type { KnowledgeBase, KnowledgeBaseDescription, KnowledgeBaseInput } from './types';

/** Creates a knowledge base: its tenants first, its record last (visible once it can hold data). */
export async function createKnowledgeBase(
  records: StoreRecords,
  tenant: string,
  input: KnowledgeBaseInput,
): Promise<KnowledgeBase> {
  validateKnowledgeBaseInput(input);
  await records.schema.ensureRecordCollections();
  return withKeyedLock(kbTenantKey(tenant, input.name), async () => {
    if (await records.kbs.get(tenant, input.name)) throw new KnowledgeBaseExistsError(input.name);
    const { embeddingModel, dimensions } = input;
    const chunkCollection = await records.schema.ensureChunkCollection(embeddingModel, dimensions);
    // Fresh tenants for each creation: a late write for a deleted knowledge base of the same
    // name can only reach that one's (removed) tenants, never this one's.
    const creationId = randomUUID();
    const dataTenant = kbDataTenant(tenant, input.name, creationId);
    await ensureKbTenants(records, dataTenant, chunkCollection);
    try {
      return await records.kbs.insert(tenant, input, { creationId, dataTenant });
    } catch (err) {
      if (err instanceof KnowledgeBaseExistsError) await removeTenants(records, dataTenant);
      throw err;
    }
  });
}

export async function describeKnowledgeBase(
  records: StoreRecords,
  tenant: string,
  name: string,
): Promise<KnowledgeBaseDescription> {
  const { kb, kbKey, chunkCollection } = await knowledgeBaseTarget(records, tenant, name);
  const [stats, chunks] = await Promise.all([
    records.documents.stats(kbKey),
    records.chunks.count(chunkCollection, kbKey),
  ]);
  const { sourceBytes, textBytes, ...documents } = stats;
  return { ...kb, documents, chunks, sourceBytes, textBytes };
}

/**
 * Removes the knowledge base's tenants from the document and every chunk collection, then its
 * record (last, so an interrupted delete can be retried). False when it did not exist.
 */
export async function deleteKnowledgeBase(
  records: StoreRecords,
  tenant: string,
  name: string,
): Promise<boolean> {
  await records.schema.ensureRecordCollections();
  const legacyKey = kbTenantKey(tenant, name);
  return withKeyedLock(legacyKey, async () => {
    const record = await records.kbs.record(tenant, name);
    await removeTenants(records, legacyKey);
    if (record && record.dataTenant !== legacyKey) await removeTenants(records, record.dataTenant);
    return records.kbs.remove(tenant, name);
  });
}
