import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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

export function documentHash(bytes: Uint8Array, metadata: IncomingFile['metadata']): string {
  const h = createHash('sha256').update(bytes);
  if (metadata && Object.keys(metadata).length) {
    h.update('\0').update(
      JSON.stringify(Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b))),
    );
  }
  return h.digest('hex');
}

/**
 * Uploads are written to a staging folder before the ingestion workflow starts, so a worker that
 * crashes (or runs in another container sharing the volume) can read them again.
 */
export class Staging {
  constructor(private readonly root: string) {}

  async stage(jobId: string, files: IncomingFile[]): Promise<StagedFile[]> {
    const dir = join(this.root, safe(jobId));
    await mkdir(dir, { recursive: true });
    return Promise.all(
      files.map(async (file, i) => {
        const path = join(dir, `${String(i).padStart(5, '0')}.bin`);
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
}

function safe(jobId: string): string {
  if (!/^[\w.-]{1,200}$/.test(jobId)) throw new Error(`invalid job id ${jobId}`);
  return jobId;
}
