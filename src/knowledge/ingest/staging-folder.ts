import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isJobId, safeJobId, Staging, type StagedFile, type StagingWriter } from './staging';

/**
 * Staging in a folder (`<data>/staging/<job>/00000.bin`): the dev stack's default. Workers read
 * it only if they share the folder (one host, or a volume); see staging-postgres.ts otherwise.
 */
export class FolderStaging extends Staging {
  constructor(private readonly root: string) {
    super();
  }

  private jobDir(jobId: string): string {
    return join(this.root, safeJobId(jobId));
  }

  async open(jobId: string): Promise<void> {
    await mkdir(this.jobDir(jobId), { recursive: true });
  }

  writer(jobId: string, index: number): StagingWriter {
    const path = join(this.jobDir(jobId), `${String(index).padStart(5, '0')}.bin`);
    return { path, stream: createWriteStream(path, { flags: 'wx' }) };
  }

  chunks(file: StagedFile): AsyncIterable<Uint8Array> {
    return createReadStream(file.path);
  }

  async removeFile(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async remove(jobId: string): Promise<void> {
    await rm(this.jobDir(jobId), { recursive: true, force: true });
  }

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
