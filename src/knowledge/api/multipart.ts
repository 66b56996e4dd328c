import type { Request, Response } from 'express';
import multer from 'multer';
import { ApiError } from '../../api/api-error';
import type { IncomingFile } from '../types';

const MAX_FILES = 100;

/** Reads a multipart upload into memory, turning multer's limits into clear 4xx errors. */
export function readMultipart(
  req: Request,
  res: Response,
  maxBytes: number,
): Promise<{ files: IncomingFile[]; fields: Record<string, string> }> {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Folder ingestion sends paths relative to the folder as file names: keep them.
    preservePath: true,
    limits: { fileSize: maxBytes, files: MAX_FILES },
  }).array('files', MAX_FILES);
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          const mb = Number((maxBytes / 1024 / 1024).toPrecision(3));
          return reject(
            new ApiError(
              413,
              'payload_too_large',
              `A file is over the upload limit of ${mb} MB (QUARRY_MAX_UPLOAD_MB)`,
              {
                limitBytes: maxBytes,
              },
            ),
          );
        }
        if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE') {
          return reject(
            new ApiError(
              400,
              'validation_failed',
              `Send at most ${MAX_FILES} files, in form fields named "files"`,
            ),
          );
        }
        return reject(new ApiError(400, 'bad_request', err.message));
      }
      if (err) return reject(err instanceof Error ? err : new Error('upload failed'));
      const uploaded = (req.files ?? []) as Express.Multer.File[];
      const fields = (req.body ?? {}) as Record<string, string>;
      resolve({
        files: uploaded.map((f) => ({
          // Browsers send names as latin1; multer leaves them so.
          source: Buffer.from(f.originalname, 'latin1').toString('utf8'),
          bytes: new Uint8Array(f.buffer.buffer, f.buffer.byteOffset, f.buffer.byteLength),
          contentType: f.mimetype === 'application/octet-stream' ? undefined : f.mimetype,
        })),
        fields,
      });
    });
  });
}
