import { readFile, writeFile } from 'node:fs/promises';
import { parseQaJsonl } from '../eval/qa-items';
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
}

export interface EvalOutput {
  retrieval: RetrievalReport;
}

/** `quarry eval`: runs a QA file against a running Quarry and reports recall@k. */
export async function evalCommand(options: EvalOptions, client: QuarryClient): Promise<EvalOutput> {
  const items = countedItems(
    parseQaJsonl(await readFile(options.qa, 'utf8')),
    options.peerMetric ?? false,
  );
  const results: { item: (typeof items)[number]; hits: RetrievedHit[] }[] = [];
  for (const [i, item] of items.entries()) {
    const res = await client.request<SearchResponse>(
      'POST',
      `/v1/collections/${encodeURIComponent(options.collection)}/search`,
      { query: item.question, limit: 10, mode: options.mode, alpha: options.alpha },
    );
    results.push({ item, hits: res.hits.map((h) => ({ source: h.source, page: h.page })) });
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${items.length} questions`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const output: EvalOutput = { retrieval: retrievalReport(results, options.peerMetric ?? false) };
  const text = JSON.stringify(output, null, 2);
  process.stdout.write(`${text}\n`);
  if (options.json) await writeFile(options.json, `${text}\n`);
  return output;
}
