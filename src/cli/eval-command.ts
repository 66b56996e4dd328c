import { readFile, writeFile } from 'node:fs/promises';
import { answerReport, type AnswerReport, type AnsweredItem } from '../eval/answer-metrics';
import { renderEvalReport } from '../eval/eval-report';
import { itemRecords, type ItemRecord } from '../eval/item-results';
import { parseQaJsonl, type QaKind } from '../eval/qa-items';
import {
  countedItems,
  firstRelevantRank,
  retrievalByKind,
  retrievalReport,
  type RetrievalReport,
  type RetrievedHit,
} from '../eval/retrieval-metrics';
import type { SearchResponse } from '../knowledge/knowledge.service';
import type { QuarryClient } from './client/quarry-client';
import { answerAll } from './eval-tasks';

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
  /** Also write a markdown report: recall, answers with and without correction, misses by kind. */
  report?: string;
  /** Tasks in flight at once (default 4). */
  concurrency?: number;
}

export interface EvalOutput {
  qa: string;
  collection: string;
  retrieval: RetrievalReport & { by_kind: Partial<Record<QaKind, RetrievalReport>> };
  /** Answers through the agent, per setting that ran. */
  answers?: { with_correction?: AnswerReport; without_correction?: AnswerReport };
  /** One record per question (written to --json, not printed). */
  items: ItemRecord[];
}

/** `quarry eval`: runs a QA file against a running Quarry: recall@k, then answers through tasks. */
export async function evalCommand(
  options: EvalOptions,
  client: QuarryClient,
  out: NodeJS.WritableStream = process.stdout,
): Promise<EvalOutput> {
  const all = parseQaJsonl(await readFile(options.qa, 'utf8'));
  const peer = options.peerMetric ?? false;
  const items = countedItems(all, peer);
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
  const ranks = new Map(results.map((r) => [r.item.id, firstRelevantRank(r.item, r.hits, peer)]));

  const asked = all.filter((i) => i.question.trim() !== '');
  const runs: { withCorrection?: AnsweredItem[]; withoutCorrection?: AnsweredItem[] } = {};
  if (!options.retrievalOnly) {
    const main = options.correction === false ? 'withoutCorrection' : 'withCorrection';
    const ask = (noCorrection: boolean) =>
      answerAll(client, options.collection, asked, noCorrection, options.concurrency);
    runs[main] = await ask(main === 'withoutCorrection');
    // The report compares both settings, measured in the same run: run the other one too.
    if (options.report) {
      if (main === 'withCorrection') runs.withoutCorrection = await ask(true);
      else runs.withCorrection = await ask(false);
    }
  }
  const output: EvalOutput = {
    qa: options.qa,
    collection: options.collection,
    retrieval: { ...retrievalReport(results, peer), by_kind: retrievalByKind(results, peer) },
    ...(runs.withCorrection || runs.withoutCorrection
      ? {
          answers: {
            ...(runs.withCorrection && { with_correction: answerReport(runs.withCorrection) }),
            ...(runs.withoutCorrection && {
              without_correction: answerReport(runs.withoutCorrection),
            }),
          },
        }
      : {}),
    items: itemRecords(asked, ranks, runs),
  };
  const { items: perItem, ...aggregates } = output;
  out.write(`${JSON.stringify(aggregates, null, 2)}\n`);
  if (options.json) await writeFile(options.json, `${JSON.stringify(output, null, 2)}\n`);
  if (options.report) {
    const a = output.answers;
    await writeFile(
      options.report,
      renderEvalReport({
        qa: options.qa,
        collection: options.collection,
        peerMetric: peer,
        retrieval: output.retrieval,
        retrievalByKind: output.retrieval.by_kind,
        answers:
          a?.with_correction && a.without_correction
            ? { withCorrection: a.with_correction, withoutCorrection: a.without_correction }
            : undefined,
        items: runs.withCorrection || runs.withoutCorrection ? perItem : undefined,
      }),
    );
  }
  return output;
}
