import { Inject, Injectable } from '@nestjs/common';
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type ScheduleDescription,
  type ScheduleHandle,
} from '@temporalio/client';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { decodeCursor, encodeCursor, literal } from '../tasks/task-query';
import { RunningTaskCap } from '../tasks/running-task-cap';
import { TasksService } from '../tasks/tasks.service';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { CreateScheduleBody } from './schedule.dto';
import { ScheduleCap } from './schedule-cap';
import { newScheduleId, runIdPrefix, SCHEDULE_ID } from './schedule-id';
import {
  cronGapProblem,
  specProblem,
  temporalOverlap,
  temporalSpec,
  timingProblems,
  type ScheduleTiming,
} from './schedule-spec';
import {
  PAUSED_NOTE,
  RESUMED_NOTE,
  scheduleView,
  type ScheduleMemo,
  type ScheduleView,
} from './schedule-view';

/** How long a trigger waits to learn the id of the run it started. */
const TRIGGER_WAIT_MS = 5000;
/** A run missed while Temporal was down still starts if Temporal is back within this window. */
const CATCHUP_WINDOW = '1 day';

/**
 * Recurring tasks as Temporal Schedules. Each run is an ordinary task (same workflow, input, search
 * attributes and memo as POST /v1/tasks makes), so everything that works on tasks works on runs.
 * Scoped to one tenant: a schedule of another tenant is a 404, as if it did not exist.
 */
@Injectable()
export class SchedulesService {
  constructor(
    @Inject(QUARRY_CONFIG) private readonly config: QuarryConfig,
    private readonly temporal: TemporalClientService,
    private readonly tasks: TasksService,
    private readonly cap: RunningTaskCap,
    private readonly scheduleCap: ScheduleCap,
  ) {}

  async create(
    tenant: string,
    dto: CreateScheduleBody,
    idempotencyKey?: string,
  ): Promise<ScheduleView> {
    const timing: ScheduleTiming = { cron: dto.cron, every: dto.every, timezone: dto.timezone };
    const min = this.config.schedules.minIntervalSeconds;
    const problems = timingProblems(timing, min);
    if (problems.length) throw invalid(problems);
    const id = newScheduleId(tenant, idempotencyKey);
    // A repeat of a request that made its schedule answers with it, even when the tenant is at its bound.
    if (idempotencyKey) {
      const made = await this.get(tenant, id).catch((err: unknown) => {
        if (err instanceof ApiError && err.getStatus() === 404) return null;
        throw err;
      });
      if (made) return made;
    }
    return this.scheduleCap.within(tenant, () => this.createUnder(tenant, id, dto, idempotencyKey));
  }

  /** Creates the schedule; `id: null` when an earlier request with the same key made it meanwhile. */
  private async createUnder(
    tenant: string,
    id: string,
    dto: CreateScheduleBody,
    idempotencyKey?: string,
  ): Promise<{ id: string | null; value: ScheduleView }> {
    const timing: ScheduleTiming = { cron: dto.cron, every: dto.every, timezone: dto.timezone };
    const min = this.config.schedules.minIntervalSeconds;
    // A research run compares its report with the schedule's previous run: it needs to know whose run it is.
    const start = await this.tasks.prepare(tenant, dto.task, { schedule: id });
    const memo: ScheduleMemo = {
      quarry: 1,
      tenant,
      task: dto.task,
      ...(dto.cron !== undefined ? { cron: dto.cron.trim() } : { every: dto.every }),
      timezone: dto.timezone ?? 'UTC',
      overlap: dto.overlap ?? 'skip',
      createdAt: new Date().toISOString(),
    };
    try {
      await this.temporal.client.schedule.create({
        scheduleId: id,
        spec: temporalSpec(timing),
        action: {
          type: 'startWorkflow',
          workflowType: start.workflowType,
          workflowId: runIdPrefix(id),
          taskQueue: this.config.temporal.taskQueue,
          args: [start.input],
          memo: { ...start.memo },
          typedSearchAttributes: start.typedSearchAttributes,
        },
        policies: { overlap: temporalOverlap(dto.overlap), catchupWindow: CATCHUP_WINDOW },
        memo: { ...memo },
        typedSearchAttributes: [{ key: searchAttributeKeys.tenant, value: tenant }],
        // Paused until its cron is known not to run too often (Temporal computes the times).
        state: { paused: true, note: dto.note },
      });
    } catch (err) {
      if (err instanceof TypeError) throw invalid([specProblem(timing, err.message)]);
      if (!(idempotencyKey && err instanceof ScheduleAlreadyRunning)) throw err;
      return { id: null, value: await this.get(tenant, id) }; // made by an earlier request with the same key
    }
    const handle = this.temporal.client.schedule.getHandle(id);
    const { info } = await handle.describe();
    const tooOften = dto.cron !== undefined && cronGapProblem(dto.cron, info.nextActionTimes, min);
    if (tooOften) {
      await handle.delete();
      throw invalid([tooOften]);
    }
    if (!dto.paused) await handle.unpause(dto.note || RESUMED_NOTE);
    return { id, value: await this.get(tenant, id) };
  }

  async list(
    tenant: string,
    pageSize: number,
    cursor?: string,
  ): Promise<{ schedules: ScheduleView[]; nextCursor: string | null }> {
    let nextPageToken: Uint8Array | undefined;
    try {
      nextPageToken = decodeCursor(cursor);
    } catch (err) {
      throw new ApiError(400, 'validation_failed', (err as Error).message);
    }
    const res = await this.temporal.client.workflowService.listSchedules({
      namespace: this.config.temporal.namespace,
      query: `QuarryTenant = ${literal(tenant)}`,
      maximumPageSize: pageSize,
      nextPageToken,
    });
    // Visibility finds them; each is then described, so a row is as fresh as GET /v1/schedules/:id.
    const views = await Promise.all(
      (res.schedules ?? []).map((s) =>
        this.get(tenant, s.scheduleId ?? '').catch((err: unknown) => {
          if (err instanceof ApiError && err.getStatus() === 404) return null; // deleted meanwhile
          throw err;
        }),
      ),
    );
    return {
      schedules: views.filter((v): v is ScheduleView => v !== null),
      nextCursor: encodeCursor(res.nextPageToken),
    };
  }

  async get(tenant: string, id: string): Promise<ScheduleView> {
    const { description, memo } = await this.owned(tenant, id);
    return scheduleView(description, memo);
  }

  async remove(tenant: string, id: string): Promise<void> {
    const { handle } = await this.owned(tenant, id);
    await this.mapNotFound(id, () => handle.delete());
    this.scheduleCap.forget(tenant, id);
  }

  async pause(tenant: string, id: string, note?: string): Promise<ScheduleView> {
    const { handle } = await this.owned(tenant, id);
    await this.mapNotFound(id, () => handle.pause(note || PAUSED_NOTE));
    return this.get(tenant, id);
  }

  async resume(tenant: string, id: string, note?: string): Promise<ScheduleView> {
    const { handle } = await this.owned(tenant, id);
    await this.mapNotFound(id, () => handle.unpause(note || RESUMED_NOTE));
    return this.get(tenant, id);
  }

  /**
   * Starts a run now, whatever the overlap policy and even while paused: someone asked for it, so
   * it counts against the tenant's open tasks like POST /v1/tasks. Answers with the run's task id
   * once Temporal reports it (null if that takes too long).
   */
  async trigger(
    tenant: string,
    id: string,
  ): Promise<{ taskId: string | null; schedule: ScheduleView }> {
    const { handle, description } = await this.owned(tenant, id);
    const before = description.info.numActionsTaken;
    const release = await this.cap.reserve(tenant);
    await this.mapNotFound(id, () => handle.trigger('ALLOW_ALL')).catch((err: unknown) => {
      release();
      throw err;
    });
    const deadline = Date.now() + TRIGGER_WAIT_MS;
    for (;;) {
      const { description: now, memo } = await this.owned(tenant, id);
      if (now.info.numActionsTaken > before || Date.now() > deadline) {
        const taken = now.info.numActionsTaken > before;
        const latest = now.info.recentActions.at(-1)?.action.workflow.workflowId;
        return { taskId: taken ? (latest ?? null) : null, schedule: scheduleView(now, memo) };
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** The schedule, or 404 when it does not exist, is not Quarry's, or belongs to another tenant. */
  private async owned(
    tenant: string,
    id: string,
  ): Promise<{ handle: ScheduleHandle; description: ScheduleDescription; memo: ScheduleMemo }> {
    if (!SCHEDULE_ID.test(id)) throw notFound(id);
    const handle = this.temporal.client.schedule.getHandle(id);
    const description = await this.mapNotFound(id, () => handle.describe());
    const memo = description.memo as Partial<ScheduleMemo> | undefined;
    if (memo?.quarry !== 1 || memo.tenant !== tenant) throw notFound(id);
    return { handle, description, memo: memo as ScheduleMemo };
  }

  private async mapNotFound<T>(id: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) throw notFound(id);
      throw err;
    }
  }
}

const notFound = (id: string) => new ApiError(404, 'not_found', `No schedule ${id}`);

function invalid(problems: { field: string; problems: string[] }[]): ApiError {
  const message = problems.map((p) => `${p.field}: ${p.problems.join(', ')}`).join('; ');
  return new ApiError(400, 'validation_failed', message, problems);
}
