import {
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { IngestActivities } from '../src/knowledge/ingest/ingest.activities';
import type { FileResult, IngestInput, IngestProgress } from '../src/knowledge/ingest/ingest.types';
import { ingestProgressQuery } from './contract/definitions';

const { ingestFile } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '30 minutes',
  // A file's activity heartbeats while it embeds; a dead worker is noticed within this.
  heartbeatTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['KnowledgeBaseNotFoundError', 'EmbeddingModelMismatchError'],
  },
});

const { finishIngestion, discardStaging } = proxyActivities<IngestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** Files processed side by side: embedding is CPU-bound and the machine may have two cores. */
const CONCURRENCY = 2;
/** Keep each run's history small: carry on in a fresh run after this many files. */
const FILES_PER_RUN = 200;

function emptyProgress(input: IngestInput): IngestProgress {
  return {
    jobId: input.jobId,
    collection: input.collection,
    state: 'running',
    totalFiles: input.files.length,
    doneFiles: 0,
    indexed: 0,
    unchanged: 0,
    failed: 0,
    removed: 0,
    pages: 0,
    chunks: 0,
    parseMs: 0,
    embedMs: 0,
    indexMs: 0,
    failures: [],
  };
}

function record(p: IngestProgress, r: FileResult): void {
  p.doneFiles += 1;
  p[r.status] += 1;
  p.pages += r.pages;
  p.chunks += r.chunks;
  p.parseMs += r.parseMs;
  p.embedMs += r.embedMs;
  p.indexMs += r.indexMs;
  if (r.error && p.failures.length < 100) p.failures.push({ source: r.source, error: r.error });
}

/**
 * Ingests staged files in batches, one activity per file. Every write is idempotent (deterministic
 * chunk ids, the document record written last), so a worker killed mid-file simply redoes that file.
 */
export async function ingestWorkflow(
  input: IngestInput,
  carried?: IngestProgress,
): Promise<IngestProgress> {
  try {
    return await ingest(input, carried);
  } catch (err) {
    // Failed or cancelled: the staged uploads go too (a run that continues as new keeps them).
    // Behind patched(): histories of runs that failed before this replay without the activity.
    if (!(err instanceof ContinueAsNew) && patched('discard-staging-on-failure')) {
      await CancellationScope.nonCancellable(() => discardStaging({ jobId: input.jobId }));
    }
    throw err;
  }
}

async function ingest(input: IngestInput, carried?: IngestProgress): Promise<IngestProgress> {
  if (!input.collection)
    throw ApplicationFailure.nonRetryable('collection is required', 'InvalidInput');
  const progress = carried ?? emptyProgress(input);
  setHandler(ingestProgressQuery, () => progress);

  const thisRun = input.files.slice(0, FILES_PER_RUN);
  let next = 0;
  const lane = async () => {
    while (next < thisRun.length) {
      const file = thisRun[next++];
      record(
        progress,
        await ingestFile({
          jobId: input.jobId,
          tenant: input.tenant,
          collection: input.collection,
          file,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));

  if (input.files.length > FILES_PER_RUN) {
    return continueAsNew<typeof ingestWorkflow>(
      { ...input, files: input.files.slice(FILES_PER_RUN) },
      progress,
    );
  }
  const finished = await finishIngestion({
    jobId: input.jobId,
    tenant: input.tenant,
    collection: input.collection,
    removeSources: input.removeSources ?? [],
  });
  progress.removed = finished.removed;
  progress.state = 'completed';
  return progress;
}
