import { api } from './bench-context';

/** How a bench client learns that its task ended. */
export type TaskFollow = 'events' | 'polling';

interface TaskView {
  id: string;
  status: string;
}

const ENDED = new Set(['completed', 'failed', 'cancelled']);

/** The bench's old client: reads the task every 25 ms (each read is a describe and a query). */
async function pollUntilEnded(url: string, id: string): Promise<string> {
  for (;;) {
    const task = await api<TaskView>(url, 'GET', `/v1/tasks/${id}`);
    if (ENDED.has(task.status)) return task.status;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Follows the task's event stream, as the API's clients are told to: the stream ends with the
 * task's final event (`completed`, `failed` or `cancelled`), or `error` when following stopped.
 */
export async function followUntilEnded(url: string, id: string): Promise<string> {
  const res = await fetch(`${url}/v1/tasks/${id}/events`, {
    headers: { accept: 'text/event-stream' },
  });
  if (!res.ok || !res.body) throw new Error(`GET /v1/tasks/${id}/events: HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const event = /^event: (.+)$/m.exec(buffered.slice(0, end))?.[1];
      buffered = buffered.slice(end + 2);
      if (event && (ENDED.has(event) || event === 'error')) {
        await res.body.cancel().catch(() => undefined);
        return event;
      }
    }
  }
  throw new Error(`the event stream of task ${id} closed before the task ended`);
}

/** Submits a task and follows it to its end; the task's final status. */
export async function submitAndFollow(
  url: string,
  body: { question: string; collection: string },
  follow: TaskFollow,
): Promise<string> {
  const task = await api<TaskView>(url, 'POST', '/v1/tasks', body);
  if (ENDED.has(task.status)) return task.status;
  return follow === 'events' ? followUntilEnded(url, task.id) : pollUntilEnded(url, task.id);
}
