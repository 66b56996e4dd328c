import { Inject, Injectable } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type WorkflowExecutionDescription,
  type WorkflowHandle,
} from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import { inputUpdate, progressQuery } from '../../workflows/contract';
import { ApiError } from '../api/api-error';
import { mapTemporalError } from '../api/temporal-errors';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { KnowledgeStore } from '../knowledge/store';
import { failureMessage } from '../temporal/failure-message';
import { listedAttribute, searchAttributeKeys } from '../temporal/search-attributes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { assertWebhookAllowed } from '../webhooks/webhook-url.validation';
import { RunningTaskCap } from './running-task-cap';
import { decodeCursor, encodeCursor, taskListQuery, type TaskFilters } from './task-query';
import { applyProgress, summaryOf, timestampMs } from './task-mapping';
import { notWaiting, REPLY_DEADLINE_MS, replyRefusal } from './task-replies';
import type { CreateTaskBody, TaskReplyBody } from './task-requests';
import { taskSearchAttributes, taskStart, type TaskStart } from './task-start';
import {
  MODE_OF_WORKFLOW,
  STATUS_OF_EXECUTION,
  STATUS_OF_EXECUTION_CODE,
  WORKFLOW_OF_MODE,
  type TaskMode,
} from './task-status';
import type { TaskList, TaskMemo, TaskSummary, TaskView } from './task-view';
import { inTaskSpan } from '../tracing/task-span';

/** A run's first events: started, its first workflow task scheduled, and that task started. */
const FIRST_TASK_EVENTS = 3;

/** Tasks are Temporal workflows; this maps them to the API's view, scoped to one tenant. */
@Injectable()
export class TasksService {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly temporal: TemporalClientService,
    private readonly store: KnowledgeStore,
    private readonly cap: RunningTaskCap,
  ) {}

  async create(tenant: string, dto: CreateTaskBody, idempotencyKey?: string): Promise<TaskView> {
    const { mode, input, memo } = await this.prepare(tenant, dto);
    // The same key from the same tenant always names the same workflow, so a retry finds it.
    const id = idempotencyKey
      ? `task-${createHash('sha256').update(`${tenant}\0${idempotencyKey}`).digest('hex').slice(0, 32)}`
      : `task-${randomUUID()}`;
    let release: () => void;
    try {
      release = await this.cap.reserve(tenant);
    } catch (err) {
      // A repeated request for a task that already exists is no new task: answer with it.
      if (idempotencyKey) {
        const existing = await this.get(tenant, id).catch(() => undefined);
        if (existing) return existing;
      }
      throw err;
    }
    try {
      await this.start(id, mode, input, memo);
    } catch (err) {
      release();
      if (!(idempotencyKey && err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return this.get(tenant, id);
  }

  /**
   * Checks what the DTO's shape cannot (the knowledge base exists, the webhook may be signed and
   * sent there) and builds the workflow start: for a task now, and for each run of a schedule.
   */
  async prepare(
    tenant: string,
    dto: CreateTaskBody,
    options: { schedule?: string } = {},
  ): Promise<TaskStart> {
    if (dto.webhook && !this.config.webhookSecret) {
      throw new ApiError(
        400,
        'validation_failed',
        'webhook: this server has no QUARRY_WEBHOOK_SECRET to sign deliveries with',
      );
    }
    if (dto.webhook) assertWebhookAllowed(dto.webhook, this.config.webhookAllowHosts);
    await this.store.requireKnowledgeBase(tenant, dto.collection);
    return taskStart(tenant, dto, options);
  }

  async get(tenant: string, id: string): Promise<TaskView> {
    const { handle, description } = await this.owned(tenant, id);
    const memo = (description.memo ?? {}) as Partial<TaskMemo>;
    const summary = summaryOf(description);
    const view: TaskView = {
      ...summary,
      question: typeof memo.question === 'string' ? memo.question : summary.question,
      steps: [],
      waitingFor: null,
      partial: null,
      result: null,
      usage: null,
      error: null,
      retryOf: memo.retryOf ?? null,
      traceId: typeof memo.traceId === 'string' ? memo.traceId : null,
    };
    if (view.status === 'completed') {
      view.result = (await handle.result()) as TaskView['result'];
      view.steps = view.result?.steps ?? [];
      if (view.result) view.usage = { ...view.result.usage, wallMs: view.durationMs };
    } else if (view.status === 'failed' || view.status === 'cancelled') {
      view.error = await handle.result().then(
        () => null,
        (err: unknown) => (err instanceof WorkflowFailedError ? failureMessage(err) : String(err)),
      );
    } else if (description.historyLength <= FIRST_TASK_EVENTS) {
      // No workflow task has completed, so there is no progress to read; a query would wait for
      // one (with no worker up, until the query's deadline) and hold the request that long. Once
      // a worker holds the first task (an eager start hands it over at once), the task runs.
      applyProgress(view, undefined);
      if (description.historyLength === FIRST_TASK_EVENTS) view.status = 'running';
    } else {
      applyProgress(view, await handle.query(progressQuery).catch(() => undefined));
    }
    return view;
  }

  async list(
    tenant: string,
    filters: TaskFilters,
    pageSize: number,
    cursor?: string,
  ): Promise<TaskList> {
    let nextPageToken: Uint8Array | undefined;
    try {
      nextPageToken = decodeCursor(cursor);
    } catch (err) {
      throw new ApiError(400, 'validation_failed', (err as Error).message);
    }
    const res = await this.temporal.client.workflowService
      .listWorkflowExecutions({
        namespace: this.config.temporal.namespace,
        query: taskListQuery(tenant, filters),
        pageSize,
        nextPageToken,
      })
      .catch((err: unknown) => {
        // A cursor with a valid checksum that Temporal still refuses (expired, or from another
        // server): the cursor's fault unless Temporal is unreachable.
        if (cursor && mapTemporalError(err)?.status !== 503)
          throw new ApiError(400, 'validation_failed', 'cursor is not one this API returned');
        throw err;
      });
    const tasks = (res.executions ?? []).map((e) => {
      const attrs = e.searchAttributes?.indexedFields;
      const start = timestampMs(e.startTime) ?? Date.now();
      const close = timestampMs(e.closeTime);
      const status = STATUS_OF_EXECUTION_CODE[e.status ?? 1] ?? 'running';
      const waiting = listedAttribute(attrs, searchAttributeKeys.status) === 'waiting_for_input';
      return {
        id: e.execution?.workflowId ?? '',
        status: status === 'running' && waiting ? 'waiting_for_input' : status,
        mode: MODE_OF_WORKFLOW[e.type?.name ?? ''] ?? 'answer',
        collection: listedAttribute(attrs, searchAttributeKeys.collection) ?? '',
        question: listedAttribute(attrs, searchAttributeKeys.question) ?? '',
        createdAt: new Date(start).toISOString(),
        closedAt: close ? new Date(close).toISOString() : null,
        durationMs: (close ?? Date.now()) - start,
      } satisfies TaskSummary;
    });
    return { tasks, nextCursor: encodeCursor(res.nextPageToken) };
  }

  async cancel(tenant: string, id: string): Promise<TaskView> {
    const { handle, description } = await this.owned(tenant, id);
    if (description.status.name !== 'RUNNING')
      throw new ApiError(409, 'conflict', `Task ${id} has already ended`);
    await handle.cancel();
    this.cap.forget(tenant);
    return this.get(tenant, id);
  }

  /**
   * Delivers a reply as the workflow's input update: its validator refuses one when nothing is
   * asked (409 with its reason), so a reply is either taken or refused, never dropped.
   */
  async input(tenant: string, id: string, reply: TaskReplyBody): Promise<TaskView> {
    const { handle, description } = await this.owned(tenant, id);
    if (description.status.name !== 'RUNNING')
      throw notWaiting(id, STATUS_OF_EXECUTION[description.status.name] ?? 'ended');
    await this.temporal.client
      .withDeadline(Date.now() + REPLY_DEADLINE_MS, () =>
        handle.executeUpdate(inputUpdate, { args: [reply] }),
      )
      .catch((err: unknown) => {
        throw replyRefusal(err, id);
      });
    return this.get(tenant, id);
  }

  async retry(tenant: string, id: string): Promise<TaskView> {
    const { description } = await this.owned(tenant, id);
    const status = STATUS_OF_EXECUTION[description.status.name];
    if (status !== 'failed' && status !== 'cancelled')
      throw new ApiError(
        409,
        'conflict',
        `Only a failed or cancelled task can be retried; ${id} is ${status}`,
      );
    const memo = description.memo as TaskMemo | undefined;
    if (!memo?.input) throw new ApiError(409, 'conflict', `Task ${id} predates retries`);
    const retryId = `task-${randomUUID()}`;
    const mode = MODE_OF_WORKFLOW[description.type] ?? 'answer';
    const release = await this.cap.reserve(tenant);
    await this.start(retryId, mode, memo.input, { ...memo, retryOf: id }).catch((err: unknown) => {
      release();
      throw err;
    });
    return this.get(tenant, retryId);
  }

  private async start(
    id: string,
    mode: TaskMode,
    input: TaskMemo['input'],
    memo: TaskMemo,
  ): Promise<void> {
    // A retry's memo is its original's: the new run has a trace of its own.
    const { traceId: _previous, ...kept } = memo;
    await inTaskSpan(mode, id, (traceId) =>
      this.temporal.startWorkflow(WORKFLOW_OF_MODE[mode], {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: id,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: taskSearchAttributes(mode, input),
        memo: { ...kept, ...(traceId ? { traceId } : {}) },
      }),
    );
  }

  /** The task's workflow, or 404 when it does not exist or belongs to another tenant. */
  private async owned(
    tenant: string,
    id: string,
  ): Promise<{ handle: WorkflowHandle; description: WorkflowExecutionDescription }> {
    const handle = this.temporal.client.workflow.getHandle(id);
    let description: WorkflowExecutionDescription;
    try {
      description = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new ApiError(404, 'not_found', `No task ${id}`);
      throw err;
    }
    const mine = description.typedSearchAttributes.get(searchAttributeKeys.tenant) === tenant;
    if (!mine || !MODE_OF_WORKFLOW[description.type])
      throw new ApiError(404, 'not_found', `No task ${id}`);
    return { handle, description };
  }
}
