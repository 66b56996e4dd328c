import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { temporal } from '@temporalio/proto';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { TaskView } from './task-view';

const { EventType } = temporal.api.enums.v1;

/** What a follower is told: the task's view each time it changes, or why watching stopped. */
export type TaskListener = (update: { view: TaskView } | { error: Error }) => void;

const ENDED = new Set(['completed', 'failed', 'cancelled']);

/**
 * History events after which the task's view can read differently: the workflow ran (its
 * progress moved), or the run ended. Other events (an activity scheduled, started, completed
 * but not yet seen by the workflow) change nothing a follower sees.
 */
const VIEW_CHANGING = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);

/**
 * One watcher per task per API process, shared by every event stream following that task. It
 * waits on Temporal instead of polling: a long poll of the workflow's history
 * (`waitNewEvent`) returns when the history grows, and only then is the task read again
 * (describe + progress query), once for all followers. A task that does nothing costs one
 * pending long poll (the server answers it empty every ~20 s), whatever the number of followers.
 */
@Injectable()
export class TaskWatchers implements OnModuleDestroy {
  private readonly watching = new Map<string, Watch>();

  constructor(private readonly temporal: TemporalClientService) {}

  /**
   * Follows a task: `listener` gets the current view at once (from the shared watcher when it
   * has one), then every change, until the task ends or the returned function is called.
   */
  follow(workflowId: string, read: () => Promise<TaskView>, listener: TaskListener): () => void {
    let watch = this.watching.get(workflowId);
    if (!watch) {
      watch = new Watch(workflowId, read, this.temporal, () => this.watching.delete(workflowId));
      this.watching.set(workflowId, watch);
    }
    return watch.add(listener);
  }

  /** Tasks watched now (one each, whatever the number of streams following them). */
  get size(): number {
    return this.watching.size;
  }

  onModuleDestroy(): void {
    for (const w of this.watching.values()) w.stop();
  }
}

class Watch {
  private readonly listeners = new Set<TaskListener>();
  private readonly abort = new AbortController();
  private latest?: TaskView;

  constructor(
    private readonly workflowId: string,
    private readonly read: () => Promise<TaskView>,
    private readonly temporal: TemporalClientService,
    private readonly done: () => void,
  ) {
    void this.run();
  }

  add(listener: TaskListener): () => void {
    this.listeners.add(listener);
    if (this.latest) listener({ view: this.latest });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    this.done();
    this.abort.abort();
  }

  private publish(update: { view: TaskView } | { error: Error }): void {
    if ('view' in update) this.latest = update.view;
    for (const l of [...this.listeners]) l(update);
  }

  private async run(): Promise<void> {
    try {
      // Catch up with the history first, so the long polls after it wait for what comes next.
      let token = (await this.poll(undefined)).token;
      let view = await this.read();
      this.publish({ view });
      while (!ENDED.has(view.status) && !this.abort.signal.aborted) {
        const { changed, token: next } = await this.poll(token);
        // No token: the run closed (or continued as new, and the next poll starts the new run).
        token = next;
        if (!changed && token) continue;
        view = await this.read();
        this.publish({ view });
      }
    } catch (err) {
      if (!this.abort.signal.aborted) this.publish({ error: err as Error });
    } finally {
      this.done();
    }
  }

  /**
   * One long poll of the history from `token` (from the run's start without one): the server
   * answers when events are appended, or empty after its long-poll interval.
   */
  private async poll(token: Uint8Array | undefined) {
    const { connection, options } = this.temporal.client;
    const res = await connection.withAbortSignal(this.abort.signal, () =>
      connection.workflowService.getWorkflowExecutionHistory({
        namespace: options.namespace,
        execution: { workflowId: this.workflowId },
        nextPageToken: token,
        waitNewEvent: true,
        skipArchival: true,
      }),
    );
    const events = res.history?.events ?? [];
    return {
      changed: events.some((e) => VIEW_CHANGING.has(e.eventType ?? 0)),
      token: res.nextPageToken?.length ? res.nextPageToken : undefined,
    };
  }
}
