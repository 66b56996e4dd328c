import { QuarryClient } from '../cli/client/quarry-client';
import { api } from './bench-context';

/** How a bench client learns that its task ended. */
export type TaskFollow = 'events' | 'polling';

interface TaskView {
  id: string;
  status: string;
}

const ENDED = new Set(['completed', 'failed', 'cancelled']);

/**
 * The bench's old client: reads the task every 25 ms (a describe, and a progress query once a
 * workflow task of the run has completed).
 */
async function pollUntilEnded(url: string, id: string): Promise<string> {
  for (;;) {
    const task = await api<TaskView>(url, 'GET', `/v1/tasks/${id}`);
    if (ENDED.has(task.status)) return task.status;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Follows the task's event stream with the CLI's client, as the API's clients are told to: the
 * stream ends with the task's final event (`completed`, `failed` or `cancelled`), or `error` when
 * following stopped.
 */
export async function followUntilEnded(url: string, id: string): Promise<string> {
  for await (const { event } of new QuarryClient({ baseUrl: url }).events(`/v1/tasks/${id}/events`))
    if (ENDED.has(event) || event === 'error') return event;
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
