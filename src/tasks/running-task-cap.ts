import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { taskListQuery } from './task-query';

/** How long one visibility count of a tenant's open tasks serves its next starts. */
export const RUNNING_COUNT_TTL_MS = 2_000;

interface Count {
  value: number;
  at: number;
}

/**
 * Bounds the tasks one tenant has open (QUARRY_MAX_RUNNING_TASKS_PER_TENANT): all tenants share one
 * task queue, so without a bound one tenant's thousand tasks queue ahead of everyone else's steps.
 *
 * The count comes from Temporal visibility (open answer and research workflows with the tenant's
 * search attribute), so it is right across restarts and API replicas; it is cached for 2 s and
 * every start this process makes adds to the cached value at once, so a burst from one client
 * cannot slip through between two counts. The trade-off: visibility is eventually consistent, so
 * starts made through other replicas within its lag (and the cache's 2 s) can take a tenant a few
 * tasks past the bound. An in-process counter would be exact on one replica but forget running
 * tasks at every restart and see nothing of other replicas.
 */
@Injectable()
export class RunningTaskCap {
  private readonly counts = new Map<string, Count>();
  private readonly refreshing = new Map<string, Promise<Count>>();
  private readonly limit: number;

  constructor(
    @Inject(QUARRY_CONFIG) config: QuarryConfig,
    private readonly temporal: TemporalClientService,
  ) {
    this.limit = config.access.maxRunningTasksPerTenant;
  }

  /**
   * Takes a slot for a task about to start, or throws 429 naming the limit. Returns a function that
   * gives the slot back, for a start that fails.
   */
  async reserve(tenant: string): Promise<() => void> {
    if (this.limit === 0) return () => undefined;
    const count = await this.current(tenant);
    // From here to the increment nothing awaits: concurrent reservations see each other.
    if (count.value >= this.limit) {
      throw new ApiError(
        429,
        'too_many_tasks',
        `Over the limit of ${this.limit} open tasks per tenant ` +
          '(QUARRY_MAX_RUNNING_TASKS_PER_TENANT); wait for one to end, or cancel one',
        { limit: this.limit, open: count.value, retryAfterSeconds: 5 },
      );
    }
    count.value += 1;
    let given = false;
    return () => {
      if (!given && this.counts.get(tenant) === count) count.value -= 1;
      given = true;
    };
  }

  /** Counts again at the next start (after a cancel, which frees a slot). */
  forget(tenant: string): void {
    this.counts.delete(tenant);
  }

  private async current(tenant: string): Promise<Count> {
    const cached = this.counts.get(tenant);
    if (cached && Date.now() - cached.at < RUNNING_COUNT_TTL_MS) return cached;
    let pending = this.refreshing.get(tenant);
    if (!pending) {
      pending = this.countOpen(tenant).finally(() => this.refreshing.delete(tenant));
      this.refreshing.set(tenant, pending);
    }
    return pending;
  }

  private async countOpen(tenant: string): Promise<Count> {
    const query = taskListQuery(tenant, { status: 'running' });
    const { count } = await this.temporal.client.workflow.count(query);
    const fresh = { value: count, at: Date.now() };
    this.counts.set(tenant, fresh);
    return fresh;
  }
}
