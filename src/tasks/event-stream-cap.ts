import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Gauge } from 'prom-client';
import { ApiError } from '../api/api-error';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { registry } from '../metrics/registry';

const openStreams = new Gauge({
  name: 'quarry_event_streams_open',
  help: 'Server-Sent Event streams (GET /v1/tasks/:id/events) open on this API process',
  registers: [registry],
});

/** When a refused client may try again: streams end when their task does, so not at once. */
const RETRY_AFTER_SECONDS = 10;

/**
 * Caps the event streams one tenant holds open on this process (QUARRY_MAX_EVENT_STREAMS_PER_TENANT):
 * each one keeps a connection and reads its task until it ends, so one tenant opening thousands
 * would take the API's capacity (and Temporal's) from everyone else. Independent of how a stream
 * gets its events: a slot is held from `open` until the response closes.
 */
@Injectable()
export class EventStreamCap {
  private readonly open = new Map<string, number>();
  private readonly limit: number;

  constructor(@Inject(QUARRY_CONFIG) config: QuarryConfig) {
    this.limit = config.access.maxEventStreamsPerTenant;
  }

  /** Takes a slot for `res`, freed when it closes; 429 with Retry-After when the tenant has none. */
  acquire(tenant: string, res: Response): void {
    const held = this.open.get(tenant) ?? 0;
    if (this.limit > 0 && held >= this.limit) {
      // The exception filter turns retryAfterSeconds into the Retry-After header.
      throw new ApiError(
        429,
        'too_many_streams',
        `Over the limit of ${this.limit} open event streams per tenant ` +
          '(QUARRY_MAX_EVENT_STREAMS_PER_TENANT); close one, or poll GET /v1/tasks/:id',
        { limit: this.limit, retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    this.open.set(tenant, held + 1);
    openStreams.inc();
    res.once('close', () => {
      const left = (this.open.get(tenant) ?? 1) - 1;
      if (left > 0) this.open.set(tenant, left);
      else this.open.delete(tenant);
      openStreams.dec();
    });
  }

  /** Streams the tenant holds open now. */
  held(tenant: string): number {
    return this.open.get(tenant) ?? 0;
  }
}
