import type { FilterValue } from 'weaviate-client';
import type { MetadataValue } from './types';

/** Properties as Weaviate returns them for untyped collections. */
export type RawProperties = Record<string, unknown>;

export function str(props: RawProperties, key: string): string {
  const value = props[key];
  return typeof value === 'string' ? value : '';
}

export function int(props: RawProperties, key: string): number {
  const value = props[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function strings(props: RawProperties, key: string): string[] {
  const value = props[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Dates come back as Date objects (gRPC) or strings (REST); Quarry hands out ISO strings. */
export function isoDate(props: RawProperties, key: string): string | null {
  const value = props[key];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && value) return new Date(value).toISOString();
  return null;
}

export function parseMetadata(json: string): Record<string, MetadataValue> {
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const metadata: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      metadata[key] = value;
    }
  }
  return metadata;
}

/** `key=value` pairs: exact-match filters on metadata with one `field`-tokenized text[] property. */
export function metadataPairs(metadata: Record<string, MetadataValue>): string[] {
  return Object.entries(metadata).map(([key, value]) => `${key}=${String(value)}`);
}

/** Weaviate reports a tenant that does not exist (yet, or any more) with this message. */
export function isTenantNotFound(err: unknown): boolean {
  return err instanceof Error && /tenant not found/i.test(err.message);
}

/** Reads on a knowledge base whose tenant is gone (or never written) see nothing, not an error. */
export async function orWhenNoTenant<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (isTenantNotFound(err)) return fallback;
    throw err;
  }
}

interface DeletableById {
  data: { deleteMany(where: FilterValue): Promise<{ successful: number }> };
  filter: { byId(): { equal(id: string): FilterValue } };
}

/** Deletes one object; true when it existed (`deleteById` answers true either way). */
export async function deleteObject(collection: DeletableById, id: string): Promise<boolean> {
  const result = await orWhenNoTenant(
    collection.data.deleteMany(collection.filter.byId().equal(id)),
    { successful: 0 },
  );
  return result.successful > 0;
}

/** An HTTP status carried by weaviate-client's errors (its error classes are not exported). */
export function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'number' ? err.code : undefined;
}
