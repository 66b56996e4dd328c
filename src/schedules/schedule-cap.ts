import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { literal } from '../tasks/task-query';
import { TemporalClientService } from '../temporal/temporal-client.service';

/** A schedule this process made stays counted this long, until visibility surely lists it. */
const RECENT_MS = 60_000;

/**
 * Bounds the schedules one tenant may hold (QUARRY_MAX_SCHEDULES_PER_TENANT): each schedule starts
 * tasks on its own for ever, so without a bound one tenant could fill the shared task queue with
 * runs nobody asked for today.
 *
 * Visibility counts the tenant's schedules, so the figure holds across restarts and replicas; it is
 * eventually consistent, so schedules this process created in the last minute are added by id
 * (counted once when visibility already lists them), and creations of one tenant are serialised
 * here so that a burst cannot slip past the count. Through several replicas at once a tenant can
 * pass the bound by the few created within visibility's lag.
 */
@Injectable()
export class ScheduleCap {
  private readonly limit: number;
  private readonly namespace: string;
  private readonly recent = new Map<string, Map<string, number>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(QUARRY_CONFIG) config: QuarryConfig,
    private readonly temporal: TemporalClientService,
  ) {
    this.limit = config.schedules.maxPerTenant;
    this.namespace = config.temporal.namespace;
  }

  /**
   * Runs `create` if the tenant is under the bound, else throws 409 naming the limit. `create`
   * returns the new schedule's id, or null when it made none (an idempotent repeat).
   */
  async within<T>(
    tenant: string,
    create: () => Promise<{ id: string | null; value: T }>,
  ): Promise<T> {
    const previous = this.queues.get(tenant) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(async () => {
        if (this.limit > 0) {
          const held = await this.count(tenant);
          if (held >= this.limit) {
            throw new ApiError(
              409,
              'too_many_schedules',
              `Over the limit of ${this.limit} schedules per tenant ` +
                '(QUARRY_MAX_SCHEDULES_PER_TENANT); delete one first',
              { limit: this.limit, schedules: held },
            );
          }
        }
        const made = await create();
        if (made.id) this.recentOf(tenant).set(made.id, Date.now());
        return made.value;
      });
    this.queues.set(tenant, turn);
    void turn
      .finally(() => {
        if (this.queues.get(tenant) === turn) this.queues.delete(tenant);
      })
      .catch(() => undefined);
    return turn;
  }

  /** A deleted schedule is no longer added by id (visibility drops it within its lag). */
  forget(tenant: string, id: string): void {
    this.recent.get(tenant)?.delete(id);
  }

  private async count(tenant: string): Promise<number> {
    const ids = new Set<string>();
    let nextPageToken: Uint8Array | undefined;
    do {
      const res = await this.temporal.client.workflowService.listSchedules({
        namespace: this.namespace,
        query: `QuarryTenant = ${literal(tenant)}`,
        maximumPageSize: Math.min(this.limit + 1, 1000),
        nextPageToken,
      });
      for (const s of res.schedules ?? []) if (s.scheduleId) ids.add(s.scheduleId);
      nextPageToken = res.nextPageToken?.length ? res.nextPageToken : undefined;
    } while (nextPageToken && ids.size < this.limit);
    const now = Date.now();
    for (const [id, at] of this.recentOf(tenant)) {
      if (now - at > RECENT_MS) this.recentOf(tenant).delete(id);
      else ids.add(id);
    }
    return ids.size;
  }

  private recentOf(tenant: string): Map<string, number> {
    let m = this.recent.get(tenant);
    if (!m) this.recent.set(tenant, (m = new Map<string, number>()));
    return m;
  }
}
