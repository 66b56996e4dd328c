import type { RawEnv } from './config.schema';

/** Bounds on what one ingestion may cost (README's configuration table). */
export interface IngestLimits {
  /** All files of one upload request together. */
  maxRequestBytes: number;
  /** Wall time of parsing one PDF. */
  pdfTimeoutMs: number;
  /** Heap of the worker thread parsing one PDF. */
  pdfMaxMemoryMb: number;
}

const MB = 1024 * 1024;
const DEFAULT_REQUEST_MB = 100;

/** The limits from the environment; problems are returned, not thrown (loadConfig collects them). */
export function ingestLimits(e: RawEnv): { limits: IngestLimits; problems: string[] } {
  const problems: string[] = [];
  const requestMb =
    e.QUARRY_MAX_UPLOAD_REQUEST_MB ?? Math.max(DEFAULT_REQUEST_MB, e.QUARRY_MAX_UPLOAD_MB);
  if (requestMb < e.QUARRY_MAX_UPLOAD_MB) {
    problems.push(
      `QUARRY_MAX_UPLOAD_REQUEST_MB=${requestMb} is less than QUARRY_MAX_UPLOAD_MB=${e.QUARRY_MAX_UPLOAD_MB}: a file of the largest size could never be uploaded`,
    );
  }
  return {
    limits: {
      maxRequestBytes: Math.round(requestMb * MB),
      pdfTimeoutMs: e.QUARRY_PDF_TIMEOUT_SECONDS * 1000,
      pdfMaxMemoryMb: e.QUARRY_PDF_MAX_MEMORY_MB,
    },
    problems,
  };
}
