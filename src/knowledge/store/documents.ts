import type { WeaviateClient } from 'weaviate-client';
import { documentId } from './ids';
import { toStoredDocument } from './document-values';
import { DOCUMENT_COLLECTION } from './names';
import type { DocumentPage, StoredDocument } from './types';
import { deleteObject, orWhenNoTenant, str, type RawProperties } from './weaviate-values';

/** Sources looked up per query when only some documents' hashes are wanted. */
const SOURCES_PER_QUERY = 500;

export interface DocumentStats {
  total: number;
  indexed: number;
  failed: number;
  sourceBytes: number;
  textBytes: number;
}

/** Document records: one object per source in its knowledge base's tenant. */
export class DocumentRecords {
  constructor(private readonly client: WeaviateClient) {}

  /** Creates or replaces the record (a batch write with a fixed id is an upsert). */
  async write(kbKey: string, doc: StoredDocument): Promise<void> {
    const { metadata, error, format, ...rest } = doc;
    const result = await this.collection(kbKey).data.insertMany([
      {
        id: documentId(doc.source),
        properties: {
          ...rest,
          format: format ?? '',
          error: error ?? '',
          ingestedAt: new Date(doc.ingestedAt),
          metadataJson: JSON.stringify(metadata),
        },
      },
    ]);
    const first = Object.values(result.errors)[0];
    if (first) throw new Error(`writing the record of ${doc.source}: ${first.message}`);
  }

  async get(kbKey: string, source: string): Promise<StoredDocument | null> {
    const found = await orWhenNoTenant(
      this.collection(kbKey).query.fetchObjectById(documentId(source)),
      null,
    );
    return found ? toStoredDocument(found.properties) : null;
  }

  async list(kbKey: string, cursor: string | undefined, limit: number): Promise<DocumentPage> {
    const page = await orWhenNoTenant(
      this.collection(kbKey).query.fetchObjects({ after: cursor, limit }),
      { objects: [] },
    );
    const last = page.objects.at(-1);
    return {
      documents: page.objects.map((o) => toStoredDocument(o.properties)),
      nextCursor: page.objects.length === limit && last ? last.uuid : null,
    };
  }

  async remove(kbKey: string, source: string): Promise<boolean> {
    return deleteObject(this.collection(kbKey), documentId(source));
  }

  /** Source → docHash (empty for failed documents, so a sync retries them); all or `sources`. */
  async hashes(kbKey: string, sources?: string[]): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    const add = (props: RawProperties): void => {
      const indexed = str(props, 'status') === 'indexed';
      hashes.set(str(props, 'source'), indexed ? str(props, 'docHash') : '');
    };
    const collection = this.collection(kbKey);
    const returnProperties = ['source', 'docHash', 'status'];
    const read = async (): Promise<void> => {
      for (let i = 0; sources && i < sources.length; i += SOURCES_PER_QUERY) {
        const batch = sources.slice(i, i + SOURCES_PER_QUERY);
        const found = await collection.query.fetchObjects({
          filters: collection.filter.byProperty('source').containsAny(batch),
          limit: batch.length,
          returnProperties,
        });
        for (const obj of found.objects) add(obj.properties);
      }
      if (sources) return;
      for await (const obj of collection.iterator({ returnProperties })) add(obj.properties);
    };
    await orWhenNoTenant(read(), undefined);
    return hashes;
  }

  async stats(kbKey: string): Promise<DocumentStats> {
    const collection = this.collection(kbKey);
    const status = collection.filter.byProperty('status');
    const [indexed, failed] = await Promise.all([
      orWhenNoTenant(
        collection.aggregate.overAll({
          filters: status.equal('indexed'),
          returnMetrics: [
            collection.metrics.aggregate('bytes').integer(['sum']),
            collection.metrics.aggregate('textBytes').integer(['sum']),
          ],
        }),
        undefined,
      ),
      orWhenNoTenant(collection.aggregate.overAll({ filters: status.equal('failed') }), undefined),
    ]);
    const sum = (name: string): number => {
      const metric = indexed?.properties[name];
      return metric && 'sum' in metric && typeof metric.sum === 'number' ? metric.sum : 0;
    };
    const indexedCount = indexed?.totalCount ?? 0;
    const failedCount = failed?.totalCount ?? 0;
    return {
      total: indexedCount + failedCount,
      indexed: indexedCount,
      failed: failedCount,
      sourceBytes: sum('bytes'),
      textBytes: sum('textBytes'),
    };
  }

  private collection(kbKey: string) {
    return this.client.collections.use(DOCUMENT_COLLECTION).withTenant(kbKey);
  }
}
