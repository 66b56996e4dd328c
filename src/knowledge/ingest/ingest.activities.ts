import { ApplicationFailure, Context } from '@temporalio/activity';
import type { EmbedderRegistry } from '../embedder-registry';
import { KnowledgeStoreError } from '../store/errors';
import type { KnowledgeStore } from '../store';
import { UnprocessableDocumentError } from '../types';
import type { FileResult } from './ingest.types';
import { prepareDocument } from './prepare-document';
import type { StagedFile, Staging } from './staging';
import { ingestedChunks, ingestedPages, ingestStageSeconds } from '../../metrics/registry';

export interface IngestDeps {
  store: () => Promise<KnowledgeStore>;
  embedders: EmbedderRegistry;
  staging: Staging;
}

/** Chunks embedded between heartbeats: small enough that a dead worker is noticed quickly. */
const EMBED_BATCH = 32;

/** Store errors are about the request (missing KB, model mismatch): retrying cannot help. */
function nonRetryable(err: unknown): never {
  if (err instanceof KnowledgeStoreError)
    throw ApplicationFailure.nonRetryable(err.message, err.name);
  throw err;
}

export function createIngestActivities({ store, embedders, staging }: IngestDeps) {
  return {
    async ingestFile(input: {
      jobId: string;
      tenant: string;
      collection: string;
      file: StagedFile;
    }): Promise<FileResult> {
      const { tenant, collection, file } = input;
      const ctx = Context.current();
      const s = await store();
      const kb = await s.requireKnowledgeBase(tenant, collection).catch(nonRetryable);
      const result: FileResult = {
        source: file.source,
        status: 'indexed',
        pages: 0,
        chunks: 0,
        newChunks: 0,
        parseMs: 0,
        embedMs: 0,
        indexMs: 0,
      };

      const known = await s.documentHashes(tenant, collection, [file.source]);
      if (known.get(file.source) === file.docHash) return { ...result, status: 'unchanged' };

      let prepared;
      try {
        prepared = await prepareDocument(await staging.read(file), {
          size: kb.chunkSize,
          overlap: kb.chunkOverlap,
        });
        if (prepared.chunks.length === 0) {
          throw new UnprocessableDocumentError(
            file.source,
            'no text to index after cleaning',
            'no_text',
          );
        }
      } catch (err) {
        if (!(err instanceof UnprocessableDocumentError)) throw err;
        await s.recordFailedDocument(tenant, collection, file.source, err.reason);
        return { ...result, status: 'failed', error: err.reason };
      }
      const { doc, chunks, parseMs } = prepared;
      result.parseMs = parseMs;
      result.pages = doc.pageCount;
      result.chunks = chunks.length;

      const embedder = embedders.forModel(kb.embeddingModel);
      const embedStarted = performance.now();
      const vectors: number[][] = [];
      for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
        ctx.heartbeat({ source: file.source, embedded: i, of: chunks.length });
        const batch = chunks.slice(i, i + EMBED_BATCH).map((c) => c.text);
        vectors.push(...(await embedder.embedDocuments(batch, ctx.cancellationSignal)));
      }
      result.embedMs = performance.now() - embedStarted;

      const indexStarted = performance.now();
      ctx.heartbeat({ source: file.source, indexing: chunks.length });
      const upsert = await s
        .upsertDocumentChunks(
          tenant,
          collection,
          {
            source: file.source,
            docHash: file.docHash,
            title: doc.title,
            format: doc.format,
            pageCount: doc.pageCount,
            bytes: file.bytes,
            metadata: doc.metadata,
            embeddingModel: embedder.modelId,
          },
          chunks,
          vectors,
        )
        .catch(nonRetryable);
      result.indexMs = performance.now() - indexStarted;
      result.newChunks = upsert.inserted;
      ingestedChunks.inc(upsert.inserted);
      ingestedPages.inc(Math.max(1, doc.pageCount));
      ingestStageSeconds.inc({ stage: 'parse' }, parseMs / 1000);
      ingestStageSeconds.inc({ stage: 'embed' }, result.embedMs / 1000);
      ingestStageSeconds.inc({ stage: 'index' }, result.indexMs / 1000);
      return result;
    },

    async finishIngestion(input: {
      jobId: string;
      tenant: string;
      collection: string;
      removeSources: string[];
    }): Promise<{ removed: number }> {
      const s = await store();
      let removed = 0;
      for (const source of input.removeSources) {
        if (await s.deleteDocument(input.tenant, input.collection, source).catch(nonRetryable))
          removed += 1;
      }
      await s.touchSync(input.tenant, input.collection).catch(nonRetryable);
      await staging.remove(input.jobId);
      return { removed };
    },
  };
}

export type IngestActivities = ReturnType<typeof createIngestActivities>;
