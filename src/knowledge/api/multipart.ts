import type { Request, Response } from 'express';
import multer from 'multer';
import { ApiError } from '../../api/api-error';
import type { StagedFile, Staging } from '../ingest/staging';
import { StagingStorage, UploadTooLargeError, type UploadedPart } from './staging-storage';

const MAX_FILES = 100;

export interface MultipartLimits {
  /** One file (QUARRY_MAX_UPLOAD_MB). */
  maxFileBytes: number;
  /** All files of the request together (QUARRY_MAX_UPLOAD_REQUEST_MB). */
  maxRequestBytes: number;
}

export interface StagedUpload {
  files: StagedFile[];
  /** Files of a type Quarry cannot read: listed, never written. */
  refused: UploadedPart[];
  fields: Record<string, string>;
}

const mb = (bytes: number) => Number((bytes / 1024 / 1024).toPrecision(3));

/**
 * Streams a multipart upload into the job's staging store, turning multer's limits and the
 * request total into clear 4xx errors. On an error the caller removes what the job staged.
 */
export async function readMultipart(
  req: Request,
  res: Response,
  staging: Staging,
  jobId: string,
  limits: MultipartLimits,
  accept: (part: UploadedPart) => boolean,
): Promise<StagedUpload> {
  await staging.open(jobId);
  const storage = new StagingStorage(staging, jobId, limits.maxRequestBytes, accept);
  const upload = multer({
    storage,
    // Folder ingestion sends paths relative to the folder as file names: keep them.
    preservePath: true,
    limits: { fileSize: limits.maxFileBytes, files: MAX_FILES },
  }).array('files', MAX_FILES);
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err) return reject(uploadError(err, limits));
      const fields = (req.body ?? {}) as Record<string, string>;
      resolve({ files: storage.files(), refused: storage.refused, fields });
    });
  });
}

function uploadError(err: unknown, limits: MultipartLimits): Error {
  if (err instanceof UploadTooLargeError) {
    return new ApiError(
      413,
      'payload_too_large',
      `The files of one request are over the limit of ${mb(limits.maxRequestBytes)} MB together (QUARRY_MAX_UPLOAD_REQUEST_MB); send them in several requests`,
      { limitBytes: limits.maxRequestBytes },
    );
  }
  if (!(err instanceof multer.MulterError)) {
    return err instanceof Error ? err : new Error('upload failed');
  }
  if (err.code === 'LIMIT_FILE_SIZE') {
    return new ApiError(
      413,
      'payload_too_large',
      `A file is over the upload limit of ${mb(limits.maxFileBytes)} MB (QUARRY_MAX_UPLOAD_MB)`,
      { limitBytes: limits.maxFileBytes },
    );
  }
  if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE') {
    return new ApiError(
      400,
      'validation_failed',
      `Send at most ${MAX_FILES} files, in form fields named "files"`,
    );
  }
  return new ApiError(400, 'bad_request', err.message);
}
