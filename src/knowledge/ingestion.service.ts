import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ingestProgressQuery } from '../../workflows/contract';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { IngestInput, IngestProgress } from './ingest/ingest.types';
import { Staging } from './ingest/staging';
import { KnowledgeStoreService } from './knowledge-store.service';
import { isSupported, SUPPORTED_EXTENSIONS } from './loaders';
import type { IncomingFile } from './types';

export interface IngestionStarted {
  jobId: string;
  status: 'running' | 'completed';
  files: number;
  progress?: IngestProgress;
}

/** Starts ingestion workflows and reads their progress; tenant-checked through search attributes. */
@Injectable()
export class IngestionService {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly temporal: TemporalClientService,
    private readonly stores: KnowledgeStoreService,
    private readonly staging: Staging,
  ) {}

  /** 415 for a type Quarry cannot read, before anything is stored. */
  checkTypes(files: IncomingFile[]): void {
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

  async start(
    tenant: string,
    collection: string,
    files: IncomingFile[],
    options: { wait?: boolean; removeSources?: string[] } = {},
  ): Promise<IngestionStarted> {
    const store = await this.stores.store();
    await store.requireKnowledgeBase(tenant, collection);
    this.checkTypes(files);
    const jobId = `ingest-${randomUUID()}`;
    const staged = await this.staging.stage(jobId, files);
    const input: IngestInput = {
      jobId,
      tenant,
      collection,
      files: staged,
      removeSources: options.removeSources,
    };
    const handle = await this.temporal.client.workflow.start('ingestWorkflow', {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: jobId,
      args: [input],
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: tenant },
        { key: searchAttributeKeys.collection, value: collection },
        { key: searchAttributeKeys.mode, value: 'ingest' },
      ],
    });
    if (!options.wait) return { jobId, status: 'running', files: files.length };
    const progress = (await handle.result()) as IngestProgress;
    return { jobId, status: 'completed', files: files.length, progress };
  }

  async progress(tenant: string, jobId: string): Promise<IngestProgress> {
    const handle = this.temporal.client.workflow.getHandle(jobId);
    try {
      const description = await handle.describe();
      const owner = description.typedSearchAttributes.get(searchAttributeKeys.tenant);
      if (owner !== tenant || description.type !== 'ingestWorkflow')
        throw new WorkflowNotFoundError('', jobId, undefined);
      if (description.status.name === 'COMPLETED') return (await handle.result()) as IngestProgress;
      const progress = await handle.query(ingestProgressQuery);
      return description.status.name === 'RUNNING' ? progress : { ...progress, state: 'failed' };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new ApiError(404, 'not_found', `No ingestion job ${jobId}`);
      }
      throw err;
    }
  }
}
