import type { WeaviateClient } from 'weaviate-client';
import {
  InvalidKnowledgeBaseNameError,
  InvalidStoreRequestError,
  KnowledgeBaseExistsError,
  KnowledgeBaseNotFoundError,
} from './errors';
import { knowledgeBaseId } from './ids';
import {
  isValidKnowledgeBaseName,
  kbTenantKey,
  KNOWLEDGE_BASE_COLLECTION,
  tenantKey,
} from './names';
import { chunkOverlapProblem } from '../chunking/options';
import type { KnowledgeBase, KnowledgeBaseInput } from './types';
import {
  int,
  isoDate,
  deleteObject,
  orWhenNoTenant,
  statusOf,
  str,
  type RawProperties,
} from './weaviate-values';

/** A knowledge base as stored: what it is, which creation of its name, where its data lives. */
export interface KnowledgeBaseRecord {
  kb: KnowledgeBase;
  creationId: string;
  /** The Weaviate tenant of its documents and chunks. */
  dataTenant: string;
}

/** Knowledge-base records: one object per knowledge base in its Quarry tenant's tenant. */
export class KnowledgeBaseRecords {
  constructor(private readonly client: WeaviateClient) {}

  /**
   * Inserts the record. Weaviate refuses an existing id only when the inserts do not overlap (it
   * has no conditional write), so the record is read back too: if another creator's insert landed
   * last, this create lost. Creators in one process are serialized before they get here.
   */
  async insert(
    tenant: string,
    input: KnowledgeBaseInput,
    identity: { creationId: string; dataTenant: string },
  ): Promise<KnowledgeBase> {
    const kb: KnowledgeBase = {
      name: input.name,
      embeddingModel: input.embeddingModel,
      dimensions: input.dimensions,
      chunkSize: input.chunkSize,
      chunkOverlap: input.chunkOverlap,
      description: input.description ?? '',
      createdAt: new Date().toISOString(),
      lastSyncAt: null,
    };
    const { lastSyncAt: _never, createdAt, ...rest } = kb;
    const properties = { ...rest, createdAt: new Date(createdAt), ...identity };
    try {
      await this.collection(tenant).data.insert({ id: knowledgeBaseId(kb.name), properties });
    } catch (err) {
      if (statusOf(err) === 422 && /already exists/i.test(String(err))) {
        throw new KnowledgeBaseExistsError(kb.name);
      }
      throw err;
    }
    const stored = await this.record(tenant, kb.name);
    if (stored?.creationId !== identity.creationId) throw new KnowledgeBaseExistsError(kb.name);
    return kb;
  }

  async get(tenant: string, name: string): Promise<KnowledgeBase | null> {
    return (await this.record(tenant, name))?.kb ?? null;
  }

  /** The knowledge base with the identity of its creation: which generation, where its data is. */
  async record(tenant: string, name: string): Promise<KnowledgeBaseRecord | null> {
    if (!isValidKnowledgeBaseName(name)) return null;
    const found = await orWhenNoTenant(
      this.collection(tenant).query.fetchObjectById(knowledgeBaseId(name)),
      null,
    );
    if (!found) return null;
    const dataTenant = str(found.properties, 'dataTenant');
    return {
      kb: toKnowledgeBase(found.properties),
      creationId: str(found.properties, 'creationId'),
      dataTenant: dataTenant || kbTenantKey(tenant, name),
    };
  }

  async require(tenant: string, name: string): Promise<KnowledgeBaseRecord> {
    const record = await this.record(tenant, name);
    if (!record) throw new KnowledgeBaseNotFoundError(name);
    return record;
  }

  async list(tenant: string): Promise<KnowledgeBase[]> {
    const all: KnowledgeBase[] = [];
    const read = async (): Promise<void> => {
      for await (const obj of this.collection(tenant).iterator()) {
        all.push(toKnowledgeBase(obj.properties));
      }
    };
    await orWhenNoTenant(read(), undefined);
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }

  async touchSync(tenant: string, name: string, at: Date): Promise<void> {
    try {
      await this.collection(tenant).data.update({
        id: knowledgeBaseId(name),
        properties: { lastSyncAt: at },
      });
    } catch (err) {
      if (statusOf(err) === 404) throw new KnowledgeBaseNotFoundError(name);
      throw err;
    }
  }

  /** Deletes the record; false when there was none. */
  async remove(tenant: string, name: string): Promise<boolean> {
    return deleteObject(this.collection(tenant), knowledgeBaseId(name));
  }

  private collection(tenant: string) {
    return this.client.collections.use(KNOWLEDGE_BASE_COLLECTION).withTenant(tenantKey(tenant));
  }
}

export function validateKnowledgeBaseInput(input: KnowledgeBaseInput): void {
  if (!isValidKnowledgeBaseName(input.name)) throw new InvalidKnowledgeBaseNameError(input.name);
  const positive = (value: number) => Number.isInteger(value) && value > 0;
  if (!input.embeddingModel.trim()) {
    throw new InvalidStoreRequestError('embeddingModel must not be empty');
  }
  if (!positive(input.dimensions) || input.dimensions > 65_536) {
    throw new InvalidStoreRequestError('dimensions must be an integer from 1 to 65536');
  }
  if (!positive(input.chunkSize)) {
    throw new InvalidStoreRequestError('chunkSize must be a positive integer');
  }
  const overlapProblem = chunkOverlapProblem(input.chunkSize, input.chunkOverlap);
  if (overlapProblem) throw new InvalidStoreRequestError(`chunkOverlap ${overlapProblem}`);
}

function toKnowledgeBase(props: RawProperties): KnowledgeBase {
  return {
    name: str(props, 'name'),
    embeddingModel: str(props, 'embeddingModel'),
    dimensions: int(props, 'dimensions'),
    chunkSize: int(props, 'chunkSize'),
    chunkOverlap: int(props, 'chunkOverlap'),
    description: str(props, 'description'),
    createdAt: isoDate(props, 'createdAt') ?? new Date(0).toISOString(),
    lastSyncAt: isoDate(props, 'lastSyncAt'),
  };
}
