import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IngestProgress } from '../knowledge/ingest/ingest.types';
import { api } from './bench-context';
import { round } from './stats';

export interface IngestFigures {
  files: number;
  pages: number;
  chunks: number;
  wall_s: number;
  pages_per_s: number;
  chunks_per_s: number;
  parse_s: number;
  embed_s: number;
  index_s: number;
}

/**
 * Uploads files to a fresh knowledge base through the HTTP API and follows the durable job until
 * it ends. Not `?wait=true`: on a loaded machine the PDF takes longer than fetch waits for an
 * answer's headers (5 minutes), and the bench would fail with no figure.
 */
async function ingestFiles(
  url: string,
  collection: string,
  paths: string[],
): Promise<IngestFigures> {
  await api(url, 'POST', '/v1/collections', { name: collection });
  const form = new FormData();
  for (const path of paths) form.append('files', new Blob([readFileSync(path)]), basename(path));
  const started = performance.now();
  const res = await fetch(`${url}/v1/collections/${collection}/documents`, {
    method: 'POST',
    body: form,
  });
  const { jobId } = (await res.json()) as { jobId?: string };
  if (!res.ok || !jobId) throw new Error(`ingest into ${collection}: HTTP ${res.status}`);
  let p = await api<IngestProgress>(url, 'GET', `/v1/ingestions/${jobId}`);
  while (p.state === 'running') {
    await new Promise((r) => setTimeout(r, 200));
    p = await api<IngestProgress>(url, 'GET', `/v1/ingestions/${jobId}`);
  }
  const wall = (performance.now() - started) / 1000;
  if (p.state !== 'completed' || p.failed > 0)
    throw new Error(`ingest into ${collection} failed: ${JSON.stringify(p).slice(0, 300)}`);
  return {
    files: paths.length,
    pages: p.pages,
    chunks: p.chunks,
    wall_s: round(wall),
    pages_per_s: round(p.pages / wall),
    chunks_per_s: round(p.chunks / wall),
    parse_s: round(p.parseMs / 1000),
    embed_s: round(p.embedMs / 1000),
    index_s: round(p.indexMs / 1000),
  };
}

/** The pumpkin-book PDF and the prompt-engineering markdown notes of the shared corpus. */
export async function benchIngest(
  url: string,
  corpus: string,
): Promise<{ pdf: IngestFigures; markdown: IngestFigures }> {
  const pdf = await ingestFiles(url, 'bench-pdf', [
    join(corpus, 'llm-universe', 'pumpkin_book.pdf'),
  ]);
  const mdDir = join(corpus, 'llm-universe', 'prompt_engineering');
  const md = readdirSync(mdDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(mdDir, f));
  const markdown = await ingestFiles(url, 'bench-md', md);
  return { pdf, markdown };
}
