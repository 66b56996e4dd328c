import { Filters, type WeaviateClient } from 'weaviate-client';
import type { Chunk, StoredVectors } from '../types';
import { termsString } from '../text-terms';
import { insertChunks } from './chunk-insert';
import { chunkId } from './ids';
import { int, metadataPairs, orWhenNoTenant, str, strings } from './weaviate-values';

const DELETE_BATCH_SIZE = 500;
const PAGE_SIZE = 1000;

/** A chunk object's properties, as written (and, for the chunk collection's typed handle, read). */
export type ChunkProperties = {
  text: string;
  terms: string;
  source: string;
  title: string;
  headingPath: string[];
  page: number;
  position: number;
  contentHash: string;
  docHash: string;
  metadataPairs: string[];
  metadataJson: string;
  /** Absent on chunks stored before they existed; empty when the chunk has none. */
  engineVectorsTag?: string;
  engineVectors?: string;
};

/** What a chunk says, without where it ranks: what the agent re-reads by id. */
export interface ChunkBody {
  text: string;
  headingPath: string[];
  /** The agent's vectors stored at ingestion, if any. */
  engineVectors?: StoredVectors;
}

export interface ChunkObject {
  id: string;
  properties: ChunkProperties;
  vector: number[];
}

/** A chunk as stored: deterministic id, Quarry's BM25 terms, page -1 for "no page". */
export function chunkObject(
  kbKey: string,
  docHash: string,
  chunk: Chunk,
  vector: number[],
): ChunkObject {
  return {
    id: chunkId(kbKey, chunk.source, chunk.position, chunk.contentHash),
    properties: {
      text: chunk.text,
      // Headings make a section's chunks findable by the section's name.
      terms: termsString([...chunk.headingPath, chunk.text].join('\n')),
      source: chunk.source,
      title: chunk.title,
      headingPath: chunk.headingPath,
      page: chunk.page ?? -1,
      position: chunk.position,
      contentHash: chunk.contentHash,
      docHash,
      metadataPairs: metadataPairs(chunk.metadata),
      metadataJson: JSON.stringify(chunk.metadata),
      engineVectorsTag: chunk.engineVectors?.tag ?? '',
      engineVectors: chunk.engineVectors?.data ?? '',
    },
    vector,
  };
}

/** Chunk objects of one knowledge base (a tenant) in one chunk collection (a model). */
export class ChunkRecords {
  constructor(private readonly client: WeaviateClient) {}

  /**
   * Ids of every stored chunk of a source. Pages by position rather than offset (Weaviate caps
   * offset + limit); `>=` plus de-duplication covers two versions of a chunk sharing a position.
   */
  async idsForSource(collection: string, kbKey: string, source: string): Promise<string[]> {
    const chunks = this.collection(collection, kbKey);
    const ids = new Set<string>();
    let from: number | undefined;
    for (;;) {
      const bySource = chunks.filter.byProperty('source').equal(source);
      const page = await orWhenNoTenant(
        chunks.query.fetchObjects({
          filters:
            from === undefined
              ? bySource
              : Filters.and(bySource, chunks.filter.byProperty('position').greaterOrEqual(from)),
          sort: chunks.sort.byProperty('position'),
          limit: PAGE_SIZE,
          returnProperties: ['position'],
        }),
        { objects: [] },
      );
      const fresh = page.objects.filter((o) => !ids.has(o.uuid));
      for (const o of fresh) ids.add(o.uuid);
      const last = page.objects.at(-1);
      if (page.objects.length < PAGE_SIZE || fresh.length === 0 || !last) break;
      from = int(last.properties, 'position');
    }
    return [...ids];
  }

  /**
   * The text and headings of the chunks with these ids, in one round trip; ids no longer stored
   * (their document was deleted or changed since) are simply absent from the answer.
   */
  async bodies(collection: string, kbKey: string, ids: string[]): Promise<Map<string, ChunkBody>> {
    const out = new Map<string, ChunkBody>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return out;
    const chunks = this.collection(collection, kbKey);
    const page = await orWhenNoTenant(
      chunks.query.fetchObjects({
        filters: chunks.filter.byId().containsAny(unique),
        limit: unique.length,
        returnProperties: ['text', 'headingPath', 'engineVectorsTag', 'engineVectors'],
      }),
      { objects: [] },
    );
    for (const o of page.objects) {
      const tag = str(o.properties, 'engineVectorsTag');
      out.set(o.uuid, {
        text: str(o.properties, 'text'),
        headingPath: strings(o.properties, 'headingPath'),
        ...(tag ? { engineVectors: { tag, data: str(o.properties, 'engineVectors') } } : {}),
      });
    }
    return out;
  }

  async insert(collection: string, kbKey: string, objects: ChunkObject[]): Promise<void> {
    await insertChunks(this.collection(collection, kbKey), objects);
  }

  async deleteIds(collection: string, kbKey: string, ids: string[]): Promise<number> {
    const chunks = this.collection(collection, kbKey);
    let deleted = 0;
    for (let i = 0; i < ids.length; i += DELETE_BATCH_SIZE) {
      const batch = ids.slice(i, i + DELETE_BATCH_SIZE);
      const result = await chunks.data.deleteMany(chunks.filter.byId().containsAny(batch));
      deleted += result.successful;
    }
    return deleted;
  }

  /** Deletes every chunk of a source, looping because one delete call is capped server-side. */
  async deleteSource(collection: string, kbKey: string, source: string): Promise<number> {
    const chunks = this.collection(collection, kbKey);
    let deleted = 0;
    for (;;) {
      const result = await orWhenNoTenant(
        chunks.data.deleteMany(chunks.filter.byProperty('source').equal(source)),
        { successful: 0, matches: 0, failed: 0, objects: undefined },
      );
      deleted += result.successful;
      if (result.matches === 0 || result.successful === 0) return deleted;
    }
  }

  async count(collection: string, kbKey: string): Promise<number> {
    return orWhenNoTenant(this.collection(collection, kbKey).length(), 0);
  }

  collection(collection: string, kbKey: string) {
    return this.client.collections.use<string, ChunkProperties>(collection).withTenant(kbKey);
  }
}
