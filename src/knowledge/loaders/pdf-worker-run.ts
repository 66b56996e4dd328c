import { Worker } from 'node:worker_threads';
import type { PdfExtractionRequest, PdfExtractionResult } from './pdf-extraction';

/** Bounds on parsing one PDF (QUARRY_PDF_TIMEOUT_SECONDS, QUARRY_PDF_MAX_MEMORY_MB). */
export interface PdfLimits {
  timeoutMs: number;
  maxMemoryMb: number;
}

/** The parse went over a limit: the file can never be read within it, so it is not retried. */
export class PdfLimitError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PdfLimitError';
  }
}

const live = new Set<Worker>();

/** PDF parsing threads alive in this process (each ends on answer, timeout, memory or cancel). */
export function livePdfWorkers(): number {
  return live.size;
}

/**
 * Runs the PDF worker thread for one request and makes sure it ends: on its answer, when it
 * takes longer than the limit, when its heap passes the limit (`resourceLimits`), or when the
 * caller cancels (an activity cancelled or timed out) — a parse nobody waits for no longer burns
 * a core.
 */
export function runPdfWorker(
  file: string,
  execArgv: string[],
  request: PdfExtractionRequest,
  limits: PdfLimits,
  signal?: AbortSignal,
): Promise<PdfExtractionResult> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: request,
      execArgv,
      transferList: [request.bytes.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb },
    });
    live.add(worker);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      const seconds = limits.timeoutMs / 1000;
      settle(() =>
        reject(
          new PdfLimitError(
            `parsing took longer than the limit of ${seconds} s (QUARRY_PDF_TIMEOUT_SECONDS)`,
          ),
        ),
      );
    }, limits.timeoutMs);
    const onAbort = (): void => settle(() => reject(signal?.reason as Error));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (result: PdfExtractionResult) => settle(() => resolve(result)));
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PdfLimitError(
                `parsing needed more than the limit of ${limits.maxMemoryMb} MB of memory (QUARRY_PDF_MAX_MEMORY_MB)`,
              )
            : err,
        ),
      ),
    );
    worker.once('exit', (code) => {
      live.delete(worker);
      settle(() => reject(new Error(`the PDF worker exited (code ${code}) without an answer`)));
    });
  });
}
