import { readFile, writeFile } from 'node:fs/promises';
import { answerReport, type AnswerReport, type AnsweredItem } from '../eval/answer-metrics';
import { renderEvalReport } from '../eval/eval-report';
import { parseQaJsonl, type QaItem } from '../eval/qa-items';
import {
  countedItems,
  retrievalReport,
  type RetrievalReport,
  type RetrievedHit,
} from '../eval/retrieval-metrics';
import type { SearchResponse } from '../knowledge/knowledge.service';
import type { QuarryClient } from './client/quarry-client';

export interface EvalOptions {
  qa: string;
  collection: string;
  retrievalOnly?: boolean;
  peerMetric?: boolean;
  json?: string;
  mode?: 'hybrid' | 'keyword' | 'vector';
  alpha?: number;
  /** false (from --no-rerank) ranks by the first-stage search alone. */
  rerank?: boolean;
  /** false (from --no-correction) runs the agent with one retrieval and one generation. */
  correction?: boolean;
  /** Also write a markdown report: recall next to the peer's, answers with and without correction. */
  report?: string;
}

export interface EvalOutput {
  retrieval: RetrievalReport;
  answers?: AnswerReport;
}

interface TaskView {
  id: string;
  status: string;
  steps: unknown[];
  result: { answer: string; abstained: boolean } | null;
  error: string | null;
}

/** Runs one question through the real workflow path (POST /v1/tasks) and waits for its answer. */
async function askThroughTask(
  client: QuarryClient,
  collection: string,
  item: QaItem,
  noCorrection: boolean,
): Promise<AnsweredItem> {
  const options = noCorrection ? { maxRetrievals: 1, maxGenerations: 1 } : undefined;
  let task = await client.request<TaskView>('POST', '/v1/tasks', {
    question: item.question,
    collection,
    options,
  });
  while (task.status === 'queued' || task.status === 'running') {
    await new Promise((r) => setTimeout(r, 150));
    task = await client.request<TaskView>('GET', `/v1/tasks/${encodeURIComponent(task.id)}`);
  }
  if (!task.result)
    throw new Error(`task ${task.id} for ${item.id} ended ${task.status}: ${task.error ?? ''}`);
  return {
    item,
    answer: task.result.answer,
    abstained: task.result.abstained,
    steps: task.steps.length,
  };
}

/** Every question through the real workflow path, a few in flight at once. */
async function answerAll(
  client: QuarryClient,
  collection: string,
  asked: QaItem[],
  noCorrection: boolean,
): Promise<AnswerReport> {
  const answered: AnsweredItem[] = [];
  const queue = [...asked];
  // A few questions in flight keep the worker busy without flooding it.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        answered.push(await askThroughTask(client, collection, item, noCorrection));
        if (process.stderr.isTTY)
          process.stderr.write(`\r${answered.length}/${asked.length} answers`);
      }
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  return answerReport(answered);
}

/** `quarry eval`: runs a QA file against a running Quarry and reports recall@k. */
export async function evalCommand(options: EvalOptions, client: QuarryClient): Promise<EvalOutput> {
  const all = parseQaJsonl(await readFile(options.qa, 'utf8'));
  const items = countedItems(all, options.peerMetric ?? false);
  const results: { item: (typeof items)[number]; hits: RetrievedHit[] }[] = [];
  for (const [i, item] of items.entries()) {
    const res = await client.request<SearchResponse>(
      'POST',
      `/v1/collections/${encodeURIComponent(options.collection)}/search`,
      {
        query: item.question,
        limit: 10,
        mode: options.mode,
        alpha: options.alpha,
        rerank: options.rerank,
      },
    );
    results.push({ item, hits: res.hits.map((h) => ({ source: h.source, page: h.page })) });
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${items.length} questions`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const output: EvalOutput = { retrieval: retrievalReport(results, options.peerMetric ?? false) };
  const asked = all.filter((i) => i.question.trim() !== '');
  if (!options.retrievalOnly) {
    output.answers = await answerAll(
      client,
      options.collection,
      asked,
      options.correction === false,
    );
  }
  const text = JSON.stringify(output, null, 2);
  process.stdout.write(`${text}\n`);
  if (options.json) await writeFile(options.json, `${text}\n`);
  if (options.report) {
    // The report compares both settings: run the one the main pass did not.
    const other =
      output.answers &&
      (await answerAll(client, options.collection, asked, options.correction !== false));
    const answers =
      output.answers && other
        ? options.correction === false
          ? { withCorrection: other, withoutCorrection: output.answers }
          : { withCorrection: output.answers, withoutCorrection: other }
        : undefined;
    await writeFile(
      options.report,
      renderEvalReport({
        qa: options.qa,
        collection: options.collection,
        peerMetric: options.peerMetric ?? false,
        retrieval: output.retrieval,
        answers,
      }),
    );
  }
  return output;
}
