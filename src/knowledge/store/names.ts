import { createHash } from 'node:crypto';

// One rule for knowledge-base names, shared with the workflows that validate task input.
import { KNOWLEDGE_BASE_NAME_PATTERN } from '../../../workflows/contract';

export { KNOWLEDGE_BASE_NAME_PATTERN };
export const KNOWLEDGE_BASE_NAME_MESSAGE =
  'a knowledge base name is 1-48 characters: lowercase letters, digits, _ or -, starting with a letter or digit';

/** What Weaviate accepts as a tenant name. */
export const WEAVIATE_TENANT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const KNOWLEDGE_BASE_COLLECTION = 'QuarryKnowledgeBase';
export const DOCUMENT_COLLECTION = 'QuarryDocument';
export const CHUNK_COLLECTION_PREFIX = 'QuarryChunk_';

export function isValidKnowledgeBaseName(name: string): boolean {
  return KNOWLEDGE_BASE_NAME_PATTERN.test(name);
}

/**
 * The Weaviate tenant holding a Quarry tenant's knowledge-base records. Readable keys never contain
 * `--` and hashed keys always do, so no two Quarry tenants share a key.
 */
export function tenantKey(tenant: string): string {
  if (WEAVIATE_TENANT_PATTERN.test(tenant) && !tenant.includes('--')) return tenant;
  return `${slug(tenant, 29)}--${digest(tenant)}`;
}

/**
 * The Weaviate tenant holding one knowledge base's documents and chunks: `${tenant}--${kb}` when
 * that is unambiguous and fits, otherwise a slug plus a hash of both names.
 *
 * Injective: a readable key splits back at its first `--` (the tenant part holds no `--` and does
 * not end with `-`), and it always contains `--` while a hashed key never does.
 */
export function kbTenantKey(tenant: string, kbName: string): string {
  const readable = `${tenant}--${kbName}`;
  if (
    /^[A-Za-z0-9_-]+$/.test(tenant) &&
    !tenant.includes('--') &&
    !tenant.endsWith('-') &&
    isValidKnowledgeBaseName(kbName) &&
    readable.length <= 64
  ) {
    return readable;
  }
  const prefix = `${slug(tenant, 14)}_${slug(kbName, 14)}`.replace(/-+/g, '-');
  return `${prefix}_h${digest(JSON.stringify([tenant, kbName]))}`;
}

/**
 * The Weaviate tenant of one knowledge base's documents and chunks, for knowledge bases created
 * since deletion could race ingestion: unique to this creation (`generation` is the record's
 * random creationId), so a knowledge base created again under the same name never sees data an
 * upsert of the deleted one wrote late. Never contains `--` and ends in `_g` and a hash, so it
 * never equals a kbTenantKey (those contain `--` or end in `_h` and a hash).
 */
export function kbDataTenant(tenant: string, kbName: string, generation: string): string {
  const prefix = `${slug(tenant, 14)}_${slug(kbName, 14)}`.replace(/-+/g, '-');
  return `${prefix}_g${digest(JSON.stringify([tenant, kbName, generation]))}`;
}

/**
 * One chunk collection per embedding model and dimension count (an HNSW index holds one vector
 * length). The slug keeps it readable; the hash keeps `a-b` and `a_b` apart. Lowercase only,
 * because Weaviate folds collection names to lowercase on disk.
 */
export function chunkCollectionName(embeddingModel: string, dimensions: number): string {
  const key = `${slug(embeddingModel, 40).toLowerCase().replace(/-/g, '_')}_${dimensions}d`;
  return `${CHUNK_COLLECTION_PREFIX}${key}_${digest(`${embeddingModel}\n${dimensions}`, 8)}`;
}

/** Characters Weaviate names allow, cut to `max`; never empty. */
function slug(value: string, max: number): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, max);
  return cleaned || 'x';
}

/** 128 bits of sha256: collisions are out of reach for names people choose. */
function digest(value: string, hexChars = 32): string {
  return createHash('sha256').update(value).digest('hex').slice(0, hexChars);
}
