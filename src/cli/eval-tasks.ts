import type { AnsweredItem } from '../eval/answer-metrics';
import type { QaItem } from '../eval/qa-items';
import { QuarryApiError, type QuarryClient } from './client/quarry-client';

/** What the eval reads of a task: nothing here depends on which engine or model answered. */
interface TaskView {
  id: string;
  status: string;
  steps: { node: string }[];
  result: {
    answer: string;
    abstained: boolean;
    citations?: { source: string; page: number | null }[];
    missing?: string[];
    trace?: { chunks: { source: string; page: number | null; relevant: boolean }[] };
  } | null;
  error: string | null;
}

const POLL_MS = 300;

/** A request that waits out the API's rate limit (429) instead of failing the run. */
async function request<T>(client: QuarryClient, method: string, path: string, body?: unknown) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.request<T>(method, path, body);
    } catch (err) {
      if (!(err instanceof QuarryApiError && err.status === 429) || attempt >= 30) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * Runs one question through the real workflow path (POST /v1/tasks) and waits for its end. A task
 * that fails or stops to wait for input is recorded with its error and counts as a miss.
 */
export async function askThroughTask(
  client: QuarryClient,
  collection: string,
  item: QaItem,
  noCorrection: boolean,
): Promise<AnsweredItem> {
  const options = noCorrection ? { maxRetrievals: 1, maxGenerations: 1 } : undefined;
  let task = await request<TaskView>(client, 'POST', '/v1/tasks', {
    question: item.question,
    collection,
    options,
  });
  while (task.status === 'queued' || task.status === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    task = await request<TaskView>(client, 'GET', `/v1/tasks/${encodeURIComponent(task.id)}`);
  }
  const path = task.steps.map((s) => s.node);
  if (task.status !== 'completed' || !task.result) {
    return {
      item,
      answer: '',
      abstained: false,
      steps: path.length,
      path,
      error: `task ${task.id} ended ${task.status}${task.error ? `: ${task.error}` : ''}`,
    };
  }
  return {
    item,
    answer: task.result.answer,
    abstained: task.result.abstained,
    steps: path.length,
    path,
    cited: task.result.citations?.map((c) => ({ source: c.source, page: c.page })),
    held: task.result.trace?.chunks.map((c) => ({
      source: c.source,
      page: c.page,
      relevant: c.relevant,
    })),
    missing: task.result.missing,
  };
}

/** Every question through the real workflow path, `concurrency` in flight, in the file's order. */
export async function answerAll(
  client: QuarryClient,
  collection: string,
  asked: QaItem[],
  noCorrection: boolean,
  concurrency = 4,
): Promise<AnsweredItem[]> {
  const answered = new Map<QaItem, AnsweredItem>();
  const queue = [...asked];
  const label = noCorrection ? 'without correction' : 'with correction';
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        answered.set(item, await askThroughTask(client, collection, item, noCorrection));
        if (process.stderr.isTTY)
          process.stderr.write(`\r${answered.size}/${asked.length} answers (${label})`);
      }
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  return asked.map((item) => answered.get(item)!);
}
