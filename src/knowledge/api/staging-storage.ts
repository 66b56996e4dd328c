import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DocumentHasher, type StagedFile, type Staging } from '../ingest/staging';

/** Thrown when the files of one request together pass the request limit. */
export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the files of one request are over ${limitBytes} bytes together`);
    this.name = 'UploadTooLargeError';
  }
}

/** A file the request named, before it is written: the storage decides whether to keep it. */
export interface UploadedPart {
  source: string;
  contentType?: string;
}

/**
 * A multer storage engine that streams each uploaded file straight into the job's staging
 * store, hashing it on the way: nothing is held in memory, and the request's files together
 * may not pass `maxTotalBytes`. Files `accept` refuses are drained and listed, not written.
 */
export class StagingStorage implements StorageEngine {
  readonly staged: StagedFile[] = [];
  readonly refused: UploadedPart[] = [];
  private total = 0;
  private next = 0;

  constructor(
    private readonly staging: Staging,
    private readonly jobId: string,
    private readonly maxTotalBytes: number,
    private readonly accept: (part: UploadedPart) => boolean,
  ) {}

  _handleFile(
    _req: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<Express.Multer.File>) => void,
  ): void {
    const part: UploadedPart = {
      // Browsers send names as latin1; multer leaves them so.
      source: Buffer.from(file.originalname, 'latin1').toString('utf8'),
      contentType: file.mimetype === 'application/octet-stream' ? undefined : file.mimetype,
    };
    if (!this.accept(part)) {
      this.refused.push(part);
      file.stream.resume();
      file.stream.once('end', () => callback(null, { size: 0 }));
      return;
    }
    const index = this.next++;
    const { path, stream } = this.staging.writer(this.jobId, index);
    const hasher = new DocumentHasher();
    let bytes = 0;
    const count = new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) => {
        bytes += chunk.length;
        this.total += chunk.length;
        if (this.total > this.maxTotalBytes)
          return done(new UploadTooLargeError(this.maxTotalBytes));
        hasher.update(chunk);
        done(null, chunk);
      },
    });
    pipeline(file.stream, count, stream).then(
      () => {
        this.staged[index] = {
          source: part.source,
          path,
          bytes,
          docHash: hasher.digest(undefined),
          contentType: part.contentType,
        };
        callback(null, { size: bytes, path });
      },
      (err: unknown) => callback(err),
    );
  }

  _removeFile(
    _req: Request,
    file: Express.Multer.File,
    callback: (error: Error | null) => void,
  ): void {
    if (!file.path) return callback(null);
    this.staging.removeFile(file.path).then(
      () => callback(null),
      (err: Error) => callback(err),
    );
  }

  /** The written files in upload order. */
  files(): StagedFile[] {
    return this.staged.filter(Boolean);
  }
}
