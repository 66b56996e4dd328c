import type { Request, Response } from 'express';
import type { TaskListener } from './task-watch';
import type { TaskView } from './task-view';

/** How often an otherwise quiet stream proves the connection alive. */
const KEEPALIVE_MS = 15_000;

/** Where a source writes its events: one SSE stream. */
export interface EventSink {
  send(event: string, data: unknown, id?: number): void;
}

/**
 * A source of events for the stream besides the task's progress (e.g. a model's tokens): it
 * starts writing to the sink when subscribed and stops when the returned function is called.
 */
export type EventSource = (sink: EventSink) => () => void;

/** Subscribes to the task's views (the shared watcher); returns how to stop. */
export type FollowTask = (listener: TaskListener) => () => void;

/**
 * Turns a task's successive views into events. Step `n` of the timeline is event id `n`, and the
 * final event (`completed`, `failed` or `cancelled`) has the id after the last step, so a client
 * that reconnects with `Last-Event-ID: n` gets exactly what it missed. `status` events (queued,
 * running, waiting_for_input) carry no id: they describe the present.
 */
class ProgressEvents {
  private lastStatus = '';

  constructor(
    private readonly sink: EventSink,
    private sent: number,
  ) {}

  /** Writes what changed; true once the task has ended (its final event written). */
  write(view: TaskView): boolean {
    for (; this.sent < view.steps.length; this.sent++)
      this.sink.send('step', view.steps[this.sent], this.sent + 1);
    if (['completed', 'failed', 'cancelled'].includes(view.status)) {
      // A client that already has the final event (it reconnected with its id) gets nothing more.
      if (this.sent < view.steps.length + 1)
        this.sink.send(view.status, view, view.steps.length + 1);
      return true;
    }
    const status = `${view.status}:${view.waitingFor?.ask ?? ''}:${view.partial?.done ?? ''}`;
    if (status !== this.lastStatus) {
      this.sink.send('status', {
        status: view.status,
        waitingFor: view.waitingFor,
        partial: view.partial,
      });
      this.lastStatus = status;
    }
    return false;
  }
}

/**
 * Streams a task's progress as Server-Sent Events, from its current view (read by the caller,
 * so a missing task is a 404 before the stream starts) and then from the shared watcher, which
 * tells every follower of a task at once when its view changes. The stream only reads: closing
 * it never touches the task.
 */
export function streamTaskEvents(
  req: Request,
  res: Response,
  lastEventId: number,
  first: TaskView,
  follow: FollowTask,
  sources: EventSource[] = [],
): Promise<void> {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  const sink: EventSink = {
    send(event, data, id) {
      if (id !== undefined) res.write(`id: ${id}\n`);
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
  };
  const progress = new ProgressEvents(sink, lastEventId);
  return new Promise((resolve) => {
    let ended = false;
    const stops: (() => void)[] = [];
    const end = () => {
      if (ended) return;
      ended = true;
      for (const stop of stops) stop();
      res.end();
      resolve();
    };
    req.on('close', end);
    if (progress.write(first)) return end();
    const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    stops.push(() => clearInterval(keepalive));
    for (const source of sources) stops.push(source(sink));
    const unfollow = follow((update) => {
      if (ended) return;
      if ('error' in update) {
        sink.send('error', { message: update.error.message });
        end();
      } else if (progress.write(update.view)) end();
    });
    // The watcher may have answered (and the task ended) before `follow` returned.
    if (ended) unfollow();
    else stops.push(unfollow);
  });
}
