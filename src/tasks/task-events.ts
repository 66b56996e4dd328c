import type { Request, Response } from 'express';
import type { TokenListener } from '../streaming/token-channel';
import type { TaskView } from './task-view';

/** How often a stream looks at its task, and how often it proves the connection alive. */
const POLL_MS = 300;
const KEEPALIVE_MS = 15_000;

function send(res: Response, event: string, data: unknown, id?: number): void {
  if (id !== undefined) res.write(`id: ${id}\n`);
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Streams a task's progress as Server-Sent Events. Step `n` of the timeline is event id `n`, and
 * the final event (`completed`, `failed` or `cancelled`) has the id after the last step, so a
 * client that reconnects with `Last-Event-ID: n` gets exactly what it missed. `status` events
 * (queued, running, waiting_for_input) carry no id: they describe the present, and a reconnecting
 * client gets the current one. The stream only reads: closing it never touches the task.
 * `token` events (no id) carry the answer as it is written, when `tokens` subscribes to them.
 */
export async function streamTaskEvents(
  req: Request,
  res: Response,
  lastEventId: number,
  read: () => Promise<TaskView>,
  tokens?: (listener: TokenListener) => () => void,
): Promise<void> {
  let view = await read(); // a missing task fails here, before the stream starts, as a 404
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  let closed = false;
  req.on('close', () => {
    closed = true;
  });
  const unsubscribe = tokens?.(({ node, draft, text }) => {
    if (!closed) send(res, 'token', { node, draft, text });
  });
  let sent = lastEventId;
  let lastStatus = '';
  let lastWrite = Date.now();
  while (!closed) {
    for (; sent < view.steps.length; sent++) send(res, 'step', view.steps[sent], sent + 1);
    const statusKey = `${view.status}:${view.waitingFor?.ask ?? ''}:${view.partial?.done ?? ''}`;
    const ended = ['completed', 'failed', 'cancelled'].includes(view.status);
    if (ended) {
      // A client that already has the final event (it reconnected with its id) gets nothing more.
      if (sent < view.steps.length + 1) send(res, view.status, view, view.steps.length + 1);
      break;
    }
    if (statusKey !== lastStatus) {
      send(res, 'status', {
        status: view.status,
        waitingFor: view.waitingFor,
        partial: view.partial,
      });
      lastStatus = statusKey;
      lastWrite = Date.now();
    } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (closed) break;
    try {
      view = await read();
    } catch (err) {
      send(res, 'error', { message: (err as Error).message });
      break;
    }
  }
  unsubscribe?.();
  res.end();
}
