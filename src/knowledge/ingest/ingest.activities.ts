import { Context } from '@temporalio/activity';
import type { EmbedderRegistry } from '../embedder-registry';
import type { PdfLimits } from '../loaders/pdf-worker-run';
import type { KnowledgeStore } from '../store';
import { UnprocessableDocumentError } from '../types';
import { rethrowForTemporal } from './activity-failures';
import { embedChunks } from './embed-chunks';
import { embedEngineTexts } from './embed-engine-texts';
import type { FileResult } from './ingest.types';
import { prepareDocument } from './prepare-document';
import type { StagedFile, Staging } from './staging';
import { ingestedChunks, ingestedPages, ingestStageSeconds } from '../../metrics/registry';

export interface IngestDeps {
  store: KnowledgeStore;
  embedders: EmbedderRegistry;
  staging: Staging;
  pdfLimits: PdfLimits;
}

/** Heartbeats while a file parses: the workflow's heartbeat timeout is 15 s. */
const PARSE_HEARTBEAT_MS = 3000;

export function createIngestActivities({ store, embedders, staging, pdfLimits }: IngestDeps) {
  return {
    async ingestFile(input: {
      jobId: string;
      tenant: string;
      collection: string;
      file: StagedFile;
    }): Promise<FileResult> {
      const { tenant, collection, file } = input;
      const ctx = Context.current();
      const heartbeat = (details: object) => ctx.heartbeat({ source: file.source, ...details });
      const kb = await store.requireKnowledgeBase(tenant, collection).catch(rethrowForTemporal);
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

      const known = await store.documentHashes(tenant, collection, [file.source]);
      if (known.get(file.source) === file.docHash) return { ...result, status: 'unchanged' };

      const embedder = await Promise.resolve()
        .then(() => embedders.forModel(kb.embeddingModel))
        .catch(rethrowForTemporal);
      let prepared;
      // Parsing a PDF takes its own thread and can take minutes: heartbeats go on meanwhile, so
      // the activity is neither timed out nor left without a way to hear its cancellation.
      heartbeat({ parsing: true });
      const beat = setInterval(() => heartbeat({ parsing: true }), PARSE_HEARTBEAT_MS);
      try {
        prepared = await prepareDocument(
          await staging.read(file),
          { size: kb.chunkSize, overlap: kb.chunkOverlap },
          {
            window: await embedder.tokenWindow?.(),
            pdf: { limits: pdfLimits, signal: ctx.cancellationSignal },
          },
        );
        if (prepared.chunks.length === 0) {
          throw new UnprocessableDocumentError(
            file.source,
            'no text to index after cleaning',
            'no_text',
          );
        }
      } catch (err) {
        if (!(err instanceof UnprocessableDocumentError)) throw err;
        await store.recordFailedDocument(tenant, collection, file.source, err.reason);
        return { ...result, status: 'failed', error: err.reason };
      } finally {
        clearInterval(beat);
      }
      const { doc, parseMs } = prepared;
      let chunks = prepared.chunks;
      result.parseMs = parseMs;
      result.pages = doc.pageCount;
      result.chunks = chunks.length;

      const embedStarted = performance.now();
      const vectors = await embedChunks(embedder, chunks, heartbeat, ctx.cancellationSignal).catch(
        rethrowForTemporal,
      );
      const engineVectors = await embedEngineTexts(
        embedder,
        chunks,
        heartbeat,
        ctx.cancellationSignal,
      ).catch(rethrowForTemporal);
      chunks = chunks.map((c, i) => ({ ...c, engineVectors: engineVectors[i] }));
      result.embedMs = performance.now() - embedStarted;

      const indexStarted = performance.now();
      heartbeat({ indexing: chunks.length });
      const upsert = await store
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
        .catch(rethrowForTemporal);
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
      let removed = 0;
      for (const source of input.removeSources) {
        if (
          await store
            .deleteDocument(input.tenant, input.collection, source)
            .catch(rethrowForTemporal)
        )
          removed += 1;
      }
      await store.touchSync(input.tenant, input.collection).catch(rethrowForTemporal);
      await staging.remove(input.jobId);
      return { removed };
    },

    /** The staged uploads of a job that failed or was cancelled. */
    async discardStaging(input: { jobId: string }): Promise<void> {
      await staging.remove(input.jobId);
    },
  };
}

export type IngestActivities = ReturnType<typeof createIngestActivities>;
