import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingFile } from '../types';

/** A file waiting to be ingested: the workflow carries this small record, never the bytes. */
export interface StagedFile {
  source: string;
  path: string;
  bytes: number;
  /** sha256 of the content and metadata: equal hashes mean nothing to re-index. */
  docHash: string;
  contentType?: string;
  metadata?: Record<string, string | number | boolean>;
}

/** Hashes content as it streams by; `digest` adds the metadata, as documentHash does. */
export class DocumentHasher {
  private readonly hash = createHash('sha256');

  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
  }

  digest(metadata: IncomingFile['metadata']): string {
    if (metadata && Object.keys(metadata).length) {
      this.hash
        .update('\0')
        .update(JSON.stringify(Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b))));
    }
    return this.hash.digest('hex');
  }
}

export function documentHash(bytes: Uint8Array, metadata: IncomingFile['metadata']): string {
  const hasher = new DocumentHasher();
  hasher.update(bytes);
  return hasher.digest(metadata);
}

/**
 * Uploads are written to a staging folder (one per ingestion job) before the ingestion workflow
 * starts, so a worker that crashes (or runs in another container sharing the volume) can read
 * them again. The folder goes when the ingestion ends, however it ends.
 */
export class Staging {
  constructor(private readonly root: string) {}

  /** The job's folder, created: uploads stream into it (see staging-storage.ts). */
  async jobDir(jobId: string): Promise<string> {
    const dir = join(this.root, safe(jobId));
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** The path of the job's file number `index`. */
  filePath(dir: string, index: number): string {
    return join(dir, `${String(index).padStart(5, '0')}.bin`);
  }

  /** Writes files already in memory (a JSON request's documents). */
  async stage(jobId: string, files: IncomingFile[]): Promise<StagedFile[]> {
    const dir = await this.jobDir(jobId);
    return Promise.all(
      files.map(async (file, i) => {
        const path = this.filePath(dir, i);
        await writeFile(path, file.bytes);
        return {
          source: file.source,
          path,
          bytes: file.bytes.byteLength,
          docHash: documentHash(file.bytes, file.metadata),
          contentType: file.contentType,
          metadata: file.metadata,
        };
      }),
    );
  }

  async read(file: StagedFile): Promise<IncomingFile> {
    const bytes = await readFile(file.path);
    return { source: file.source, bytes, contentType: file.contentType, metadata: file.metadata };
  }

  async remove(jobId: string): Promise<void> {
    await rm(join(this.root, safe(jobId)), { recursive: true, force: true });
  }

  /** Job folders last changed before `olderThan` (candidates for the sweeper). */
  async jobsBefore(olderThan: Date): Promise<string[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const old: string[] = [];
    for (const name of names) {
      const info = await stat(join(this.root, name)).catch(() => undefined);
      if (info?.isDirectory() && info.mtime < olderThan && isJobId(name)) old.push(name);
    }
    return old;
  }
}

function isJobId(value: string): boolean {
  return /^[\w.-]{1,200}$/.test(value);
}

function safe(jobId: string): string {
  if (!isJobId(jobId)) throw new Error(`invalid job id ${jobId}`);
  return jobId;
}
