import { Inject, Injectable } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import type { AskProgress } from '../../workflows/ask.workflow';
import type { AskResult, StepRecord } from '../agent/ask.types';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { KnowledgeStoreService } from '../knowledge/knowledge-store.service';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { CreateTaskDto } from './task.dto';

export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface TaskView {
  id: string;
  status: TaskStatus;
  mode: 'answer';
  collection: string;
  question: string;
  createdAt: string;
  closedAt: string | null;
  steps: StepRecord[];
  result: AskResult | null;
  error: string | null;
}

const STATUS: Record<string, TaskStatus> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
  TERMINATED: 'failed',
  CANCELLED: 'cancelled',
  CONTINUED_AS_NEW: 'running',
};

/** Tasks are Temporal workflows; this maps them to the API's view, scoped to one tenant. */
@Injectable()
export class TasksService {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly temporal: TemporalClientService,
    private readonly stores: KnowledgeStoreService,
  ) {}

  async create(tenant: string, dto: CreateTaskDto, idempotencyKey?: string): Promise<TaskView> {
    await (await this.stores.store()).requireKnowledgeBase(tenant, dto.collection);
    // The same key from the same tenant always names the same workflow, so a retry finds it.
    const id = idempotencyKey
      ? `task-${createHash('sha256').update(`${tenant}\0${idempotencyKey}`).digest('hex').slice(0, 32)}`
      : `task-${randomUUID()}`;
    try {
      await this.temporal.client.workflow.start('askWorkflow', {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: id,
        args: [
          {
            tenant,
            collection: dto.collection,
            question: dto.question,
            options: { ...dto.options },
          },
        ],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: searchAttributeKeys.tenant, value: tenant },
          { key: searchAttributeKeys.collection, value: dto.collection },
          { key: searchAttributeKeys.mode, value: 'answer' },
          { key: searchAttributeKeys.question, value: dto.question },
        ],
        memo: { question: dto.question },
      });
    } catch (err) {
      if (!(idempotencyKey && err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return this.get(tenant, id);
  }

  async get(tenant: string, id: string): Promise<TaskView> {
    const handle = this.temporal.client.workflow.getHandle(id);
    let description;
    try {
      description = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new ApiError(404, 'not_found', `No task ${id}`);
      throw err;
    }
    if (
      description.typedSearchAttributes.get(searchAttributeKeys.tenant) !== tenant ||
      description.type !== 'askWorkflow'
    ) {
      throw new ApiError(404, 'not_found', `No task ${id}`);
    }
    const status = STATUS[description.status.name] ?? 'running';
    const view: TaskView = {
      id,
      status,
      mode: 'answer',
      collection: description.typedSearchAttributes.get(searchAttributeKeys.collection) ?? '',
      question: description.typedSearchAttributes.get(searchAttributeKeys.question) ?? '',
      createdAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString() ?? null,
      steps: [],
      result: null,
      error: null,
    };
    if (status === 'completed') {
      view.result = (await handle.result()) as AskResult;
      view.steps = view.result.steps;
    } else if (status === 'failed') {
      view.error = await handle.result().then(
        () => null,
        (err: unknown) =>
          err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : String(err),
      );
    } else if (status === 'running') {
      const progress = await handle.query<AskProgress>('progress').catch(() => undefined);
      view.steps = progress?.steps ?? [];
      if (view.steps.length === 0) view.status = 'queued';
    }
    return view;
  }
}
