import { createHash } from 'node:crypto';

/** Quarry's own UUID v5 namespace, so its ids never coincide with ids other tools derive. */
const QUARRY_NAMESPACE = '6f1c7f52-3d0e-4b8a-9c55-2a1e0d7b9e41';

/** RFC 9562 UUID version 5 (SHA-1, namespace + name). */
export function uuidV5(name: string, namespace: string = QUARRY_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A chunk's id is a function of where it sits and what it says: ingesting the same file again
 * yields the same ids (nothing new stored), and a changed chunk gets a new id.
 * JSON encoding keeps the parts apart (no separator can be forged by a file name).
 */
export function chunkId(
  kbKey: string,
  source: string,
  position: number,
  contentHash: string,
): string {
  return uuidV5(JSON.stringify(['chunk', kbKey, source, position, contentHash]));
}

/** One record per source within a knowledge base's tenant. */
export function documentId(source: string): string {
  return uuidV5(JSON.stringify(['document', source]));
}

/** One record per knowledge-base name within a Quarry tenant's tenant. */
export function knowledgeBaseId(name: string): string {
  return uuidV5(JSON.stringify(['knowledge-base', name]));
}
