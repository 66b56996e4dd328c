import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IngestProgress } from '../../knowledge/ingest/ingest.types';
import type { DocumentPage, KnowledgeBase } from '../../knowledge/store';
import { QuarryApiError, type QuarryClient } from '../client/quarry-client';
import { collectFiles, type LocalFile } from './collect-files';
import { ProgressLine } from './progress-line';

export interface IngestOptions {
  collection: string;
  sync?: boolean;
}

const BATCH_FILES = 32;
const BATCH_BYTES = 32 * 1024 * 1024;

function batches(files: LocalFile[]): LocalFile[][] {
  const out: LocalFile[][] = [];
  let current: LocalFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && (current.length >= BATCH_FILES || bytes + f.bytes > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.bytes;
  }
  if (current.length) out.push(current);
  return out;
}

async function ensureCollection(
  client: QuarryClient,
  name: string,
  say: (l: string) => void,
): Promise<void> {
  try {
    await client.request<KnowledgeBase>('GET', `/v1/collections/${encodeURIComponent(name)}`);
  } catch (err) {
    if (!(err instanceof QuarryApiError) || err.status !== 404) throw err;
    await client.request('POST', '/v1/collections', { name });
    say(`created knowledge base "${name}"`);
  }
}

async function remoteHashes(client: QuarryClient, name: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const query: string = `limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: DocumentPage = await client.request(
      'GET',
      `/v1/collections/${encodeURIComponent(name)}/documents?${query}`,
    );
    for (const d of page.documents) hashes.set(d.source, d.docHash);
    cursor = page.nextCursor;
  } while (cursor);
  return hashes;
}

async function waitForJob(
  client: QuarryClient,
  jobId: string,
  onProgress: (p: IngestProgress) => void,
): Promise<IngestProgress> {
  for (;;) {
    const p = await client.request<IngestProgress>(
      'GET',
      `/v1/ingestions/${encodeURIComponent(jobId)}`,
    );
    onProgress(p);
    if (p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** `quarry ingest`: uploads files in batches, follows each durable job, prints a summary. */
export async function ingestCommand(
  paths: string[],
  options: IngestOptions,
  client: QuarryClient,
): Promise<number> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const started = Date.now();
  const { files: all, skipped } = await collectFiles(paths);
  await ensureCollection(client, options.collection, say);

  let files = all;
  let remove: string[] = [];
  if (options.sync) {
    const remote = await remoteHashes(client, options.collection);
    const local = new Set(all.map((f) => f.source));
    remove = [...remote.keys()].filter((s) => !local.has(s));
    const changed: LocalFile[] = [];
    for (const f of all) {
      const hash = createHash('sha256')
        .update(await readFile(f.path))
        .digest('hex');
      if (remote.get(f.source) !== hash) changed.push(f);
    }
    files = changed;
    say(
      `sync: ${changed.length} new or changed, ${all.length - changed.length} unchanged, ${remove.length} to remove`,
    );
  }

  const total: IngestProgress[] = [];
  const bar = new ProgressLine();
  const groups = batches(files);
  if (groups.length === 0 && remove.length) groups.push([]);
  let doneBefore = 0;
  let chunksBefore = 0;
  for (const [i, group] of groups.entries()) {
    const form = new FormData();
    for (const f of group) form.append('files', new Blob([await readFile(f.path)]), f.source);
    if (i === groups.length - 1 && remove.length) form.append('remove', JSON.stringify(remove));
    const job = await client.request<{ jobId: string }>(
      'POST',
      `/v1/collections/${encodeURIComponent(options.collection)}/documents`,
      form,
    );
    const result = await waitForJob(client, job.jobId, (p) =>
      bar.update(doneBefore + p.doneFiles, files.length, `${chunksBefore + p.chunks} chunks`),
    );
    doneBefore += result.doneFiles;
    chunksBefore += result.chunks;
    total.push(result);
  }
  bar.done();

  const sum = (
    k:
      | 'pages'
      | 'chunks'
      | 'indexed'
      | 'unchanged'
      | 'failed'
      | 'removed'
      | 'parseMs'
      | 'embedMs'
      | 'indexMs',
  ) => total.reduce((s, p) => s + p[k], 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  say(
    `${files.length} files (${sum('indexed')} indexed, ${sum('unchanged')} unchanged, ${sum('failed')} failed, ` +
      `${sum('removed')} removed) · ${sum('pages')} pages · ${sum('chunks')} chunks · ${seconds} s ` +
      `(parse ${(sum('parseMs') / 1000).toFixed(1)} s, embed ${(sum('embedMs') / 1000).toFixed(1)} s, index ${(sum('indexMs') / 1000).toFixed(1)} s)`,
  );
  for (const p of total) for (const f of p.failures) say(`  failed: ${f.source}: ${f.error}`);
  const jobsFailed = total.filter((p) => p.state === 'failed');
  for (const p of jobsFailed)
    say(`  ingestion ${p.jobId} failed: ${p.error ?? 'see its workflow'}`);
  if (skipped.length)
    say(
      `skipped ${skipped.length} files of unsupported types (e.g. ${skipped.slice(0, 3).join(', ')})`,
    );
  return sum('failed') > 0 || jobsFailed.length > 0 ? 3 : 0;
}
