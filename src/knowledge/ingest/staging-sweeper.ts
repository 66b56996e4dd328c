import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { TemporalClientService } from '../../temporal/temporal-client.service';
import { Staging } from './staging';

/** How often staging is swept, and how long a job's data must sit before it is looked at. */
const SWEEP_EVERY_MS = 10 * 60_000;
/** Longer than an upload takes between its folder's creation and its workflow's start. */
const GRACE_MS = 15 * 60_000;

/**
 * Removes staged uploads no ingestion will ever read: the job's workflow was terminated or timed
 * out (it ran no code to clean up), or never started (the API process died between staging and
 * starting it). Failed, cancelled and finished jobs remove their own; this is the safety net.
 */
@Injectable()
export class StagingSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StagingSweeper');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly staging: Staging,
    private readonly temporal: TemporalClientService,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.sweep(new Date(Date.now() - GRACE_MS)).catch((err: Error) =>
        this.logger.warn(`sweeping staged uploads failed: ${err.message}`),
      );
    this.timer = setInterval(run, SWEEP_EVERY_MS).unref();
    run();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Removes what jobs not running staged, last changed before `olderThan`; returns their ids. */
  async sweep(olderThan: Date): Promise<string[]> {
    const removed: string[] = [];
    for (const jobId of await this.staging.jobsBefore(olderThan)) {
      if (await this.running(jobId)) continue;
      await this.staging.remove(jobId);
      removed.push(jobId);
    }
    if (removed.length)
      this.logger.log(`removed the staged uploads of ${removed.length} ended jobs`);
    return removed;
  }

  private async running(jobId: string): Promise<boolean> {
    try {
      const description = await this.temporal.client.workflow.getHandle(jobId).describe();
      return description.status.name === 'RUNNING';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
}
