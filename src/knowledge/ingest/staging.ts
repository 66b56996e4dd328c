import { createHash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingFile } from '../types';

/** A file waiting to be ingested: the workflow carries this small record, never the bytes. */
export interface StagedFile {
  source: string;
  /** Where the staging store keeps it: a file's path, or `<job>/<n>` in PostgreSQL. */
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

/** One file being written: where it will be found, and the stream its bytes go into. */
export interface StagingWriter {
  path: string;
  stream: Writable;
}

/**
 * Uploads are staged (one place per ingestion job) before the ingestion workflow starts, so a
 * worker that crashes, or runs on another host, can read them again; they go when the ingestion
 * ends, however it ends. Two stores: a folder under the data folder (staging-folder.ts: API and
 * workers on one host or sharing a volume) and PostgreSQL (staging-postgres.ts: any worker host).
 * The class is also the injection token; createStaging (staging-store.ts) picks the store.
 */
export abstract class Staging {
  /** Makes the job's place ready before its first file streams in. */
  abstract open(jobId: string): Promise<void>;

  /** The job's file number `index`, written as it streams; it fails if that file exists. */
  abstract writer(jobId: string, index: number): StagingWriter;

  /** The staged bytes, read back piece by piece. */
  abstract chunks(file: StagedFile): AsyncIterable<Uint8Array>;

  /** One file of a job (multer removes a file it had accepted when the request fails). */
  abstract removeFile(path: string): Promise<void>;

  /** Everything staged for the job; nothing if there is none. */
  abstract remove(jobId: string): Promise<void>;

  /** Jobs whose staged data last changed before `olderThan` (candidates for the sweeper). */
  abstract jobsBefore(olderThan: Date): Promise<string[]>;

  /** Writes files already in memory (a JSON request's documents, the demo knowledge base). */
  async stage(jobId: string, files: IncomingFile[]): Promise<StagedFile[]> {
    await this.open(jobId);
    const staged: StagedFile[] = [];
    for (const [i, file] of files.entries()) {
      const { path, stream } = this.writer(jobId, i);
      await pipeline(Readable.from([Buffer.from(file.bytes)]), stream);
      staged.push({
        source: file.source,
        path,
        bytes: file.bytes.byteLength,
        docHash: documentHash(file.bytes, file.metadata),
        contentType: file.contentType,
        metadata: file.metadata,
      });
    }
    return staged;
  }

  /** The file as the loaders take it: its bytes in one buffer, filled piece by piece. */
  async read(file: StagedFile): Promise<IncomingFile> {
    const bytes = Buffer.allocUnsafe(file.bytes);
    let at = 0;
    for await (const chunk of this.chunks(file)) {
      if (at + chunk.byteLength <= file.bytes) bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    if (at !== file.bytes) {
      throw new Error(
        `the staged upload ${file.source} (${file.path}) holds ${at} bytes, not the ${file.bytes} staged`,
      );
    }
    return { source: file.source, bytes, contentType: file.contentType, metadata: file.metadata };
  }
}

export function isJobId(value: string): boolean {
  return /^[\w.-]{1,200}$/.test(value);
}

/** The job id, checked: it names a folder or keys rows. */
export function safeJobId(jobId: string): string {
  if (!isJobId(jobId)) throw new Error(`invalid job id ${jobId}`);
  return jobId;
}
