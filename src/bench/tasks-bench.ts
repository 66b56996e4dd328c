import { api } from './bench-context';
import { percentile, pool, round } from './stats';

export interface TaskLoadFigures {
  concurrency: number;
  tasks: number;
  throughput_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

interface TaskView {
  id: string;
  status: string;
}

/**
 * Tasks through the HTTP API with `concurrency` clients, each submitting a task and following it
 * to the end. Latency is from submission to the client seeing it completed.
 */
export async function benchTasks(
  url: string,
  collection: string,
  questions: string[],
  concurrency: number,
  tasks: number,
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
        let task = await api<TaskView>(url, 'POST', '/v1/tasks', { question, collection });
        while (task.status === 'queued' || task.status === 'running') {
          await new Promise((r) => setTimeout(r, 25));
          task = await api<TaskView>(url, 'GET', `/v1/tasks/${task.id}`);
        }
        if (task.status !== 'completed') errors++;
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
  };
}
