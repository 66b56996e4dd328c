import { Inject, Injectable } from '@nestjs/common';
import {
  WorkflowFailedError,
  WorkflowNotFoundError,
  type WorkflowHandle,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ingestProgressQuery } from '../../workflows/contract';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { failureMessage } from '../temporal/failure-message';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { IngestInput, IngestProgress } from './ingest/ingest.types';
import { Staging, type StagedFile } from './ingest/staging';
import { KnowledgeStore } from './store';
import { isSupported, SUPPORTED_EXTENSIONS } from './loaders';
import type { IncomingFile } from './types';

export interface IngestionStarted {
  jobId: string;
  /** `failed` only with `?wait=true`: the job ended without finishing (progress.error says why). */
  status: 'running' | 'completed' | 'failed';
  files: number;
  progress?: IngestProgress;
}

/** A file as named in a request: enough to tell whether Quarry can read it. */
export interface NamedFile {
  source: string;
  contentType?: string;
}

/** Starts ingestion workflows and reads their progress; tenant-checked through search attributes. */
@Injectable()
export class IngestionService {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly temporal: TemporalClientService,
    private readonly store: KnowledgeStore,
    private readonly staging: Staging,
  ) {}

  newJobId(): string {
    return `ingest-${randomUUID()}`;
  }

  /** 415 for types Quarry cannot read, naming them all. */
  checkTypes(files: NamedFile[]): void {
    const bad = files.filter((f) => !isSupported(f.source, f.contentType));
    if (bad.length) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `Unsupported file type: ${bad.map((f) => `${f.source}${f.contentType ? ` (${f.contentType})` : ''}`).join(', ')}; supported: ${SUPPORTED_EXTENSIONS.join(', ')}`,
        { files: bad.map((f) => f.source) },
      );
    }
  }

  /** Stages files already in memory (the demo knowledge base, JSON documents) and starts the job. */
  async start(
    tenant: string,
    collection: string,
    files: IncomingFile[],
    options: { wait?: boolean; removeSources?: string[] } = {},
  ): Promise<IngestionStarted> {
    await this.store.requireKnowledgeBase(tenant, collection);
    this.checkTypes(files);
    const jobId = this.newJobId();
    let staged: StagedFile[];
    try {
      staged = await this.staging.stage(jobId, files);
    } catch (err) {
      await this.staging.remove(jobId);
      throw err;
    }
    return this.startStaged(tenant, collection, jobId, staged, options);
  }

  /**
   * Starts the job over files already staged under `jobId`. Until the workflow has started the
   * staged files are this call's: whatever fails first (a knowledge base gone, a type, Temporal)
   * removes them. From then on the workflow removes them when it ends.
   */
  async startStaged(
    tenant: string,
    collection: string,
    jobId: string,
    files: StagedFile[],
    options: { wait?: boolean; removeSources?: string[] } = {},
  ): Promise<IngestionStarted> {
    const input: IngestInput = {
      jobId,
      tenant,
      collection,
      files,
      removeSources: options.removeSources,
    };
    let handle;
    try {
      await this.store.requireKnowledgeBase(tenant, collection);
      this.checkTypes(files);
      handle = await this.temporal.client.workflow.start('ingestWorkflow', {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: jobId,
        args: [input],
        typedSearchAttributes: [
          { key: searchAttributeKeys.tenant, value: tenant },
          { key: searchAttributeKeys.collection, value: collection },
          { key: searchAttributeKeys.mode, value: 'ingest' },
        ],
      });
    } catch (err) {
      await this.staging.remove(jobId);
      throw err;
    }
    if (!options.wait) return { jobId, status: 'running', files: files.length };
    try {
      const progress = (await handle.result()) as IngestProgress;
      return { jobId, status: 'completed', files: files.length, progress };
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      return {
        jobId,
        status: 'failed',
        files: files.length,
        progress: await this.failed(handle, err),
      };
    }
  }

  async progress(tenant: string, jobId: string): Promise<IngestProgress> {
    const handle = this.temporal.client.workflow.getHandle(jobId);
    try {
      const description = await handle.describe();
      const owner = description.typedSearchAttributes.get(searchAttributeKeys.tenant);
      if (owner !== tenant || description.type !== 'ingestWorkflow')
        throw new WorkflowNotFoundError('', jobId, undefined);
      if (description.status.name === 'COMPLETED') return (await handle.result()) as IngestProgress;
      if (description.status.name === 'RUNNING') return handle.query(ingestProgressQuery);
      const failure = await handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
      return this.failed(handle, failure);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new ApiError(404, 'not_found', `No ingestion job ${jobId}`);
      }
      throw err;
    }
  }

  /** The progress of a job that ended without finishing, with the reason. */
  private async failed(handle: WorkflowHandle, failure: unknown): Promise<IngestProgress> {
    const progress = await handle.query(ingestProgressQuery);
    return { ...progress, state: 'failed', error: failure ? failureMessage(failure) : undefined };
  }
}
