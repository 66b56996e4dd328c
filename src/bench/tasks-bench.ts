import { percentile, pool, round } from './stats';
import { submitAndFollow, type TaskFollow } from './task-follow';

export interface TaskLoadFigures {
  concurrency: number;
  tasks: number;
  throughput_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  /** How the clients followed their tasks: the event stream, or reading the task every 25 ms. */
  follow: TaskFollow;
}

/**
 * Tasks through the HTTP API with `concurrency` clients, each submitting a task and following it
 * to the end (by its event stream unless told otherwise). Latency is from submission to the
 * client seeing it completed. The clients run in the bench's process, beside the API and its
 * worker: a client that polls spends that process's CPU as well as Temporal's.
 */
export async function benchTasks(
  url: string,
  collection: string,
  questions: string[],
  concurrency: number,
  tasks: number,
  follow: TaskFollow = 'events',
): Promise<TaskLoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await pool(
    Array.from({ length: tasks }, (_, i) => questions[i % questions.length]),
    concurrency,
    async (question) => {
      const t0 = performance.now();
      try {
        const status = await submitAndFollow(url, { question, collection }, follow);
        if (status !== 'completed') errors++;
        else latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    },
  );
  const wall = (performance.now() - started) / 1000;
  return {
    concurrency,
    tasks,
    throughput_per_s: round(latencies.length / wall),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    errors,
    follow,
  };
}
