import { Worker } from 'node:worker_threads';
import type { BertBatchInputs } from './bert-batch-inputs';
import {
  ONNX_WORKER_SCRIPT,
  type OnnxCloseRequest,
  type OnnxRunRequest,
  type OnnxWorkerData,
  type OnnxWorkerMessage,
} from './onnx-worker-script';

/** How long close() lets runs in flight finish before it stops the thread anyway. */
const CLOSE_GRACE_MS = 30_000;

interface PendingRun {
  resolve: (cls: ArrayLike<number>) => void;
  reject: (err: Error) => void;
}

/**
 * An ONNX Runtime session living in a worker thread, so inference never blocks this thread's event
 * loop. Requests run one after another in the order sent. The thread keeps the process alive only
 * while a request is in flight.
 */
export class OnnxSessionWorker {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRun>();
  private failure?: Error;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: OnnxWorkerMessage) => this.onMessage(message));
    worker.on('error', (err: Error) => this.failAll(err));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code: number) => {
        this.failAll(new Error(`the ONNX worker thread exited (code ${code})`));
        resolve();
      }),
    );
  }

  /** Starts the thread and resolves once the model is loaded, or rejects with the loader's error. */
  static start(data: OnnxWorkerData): Promise<OnnxSessionWorker> {
    const worker = new Worker(ONNX_WORKER_SCRIPT, { eval: true, workerData: data });
    return new Promise((resolve, reject) => {
      const onFirst = (message: OnnxWorkerMessage): void => {
        worker.off('error', onError);
        if (message.kind === 'ready') {
          const session = new OnnxSessionWorker(worker);
          // After the session's listeners: adding a 'message' listener refs the worker again,
          // and an idle model thread must not keep the process alive.
          worker.unref();
          resolve(session);
        } else {
          void worker.terminate();
          reject(
            new Error(
              `could not load ${data.modelPath}: ${'message' in message ? message.message : message.kind}`,
            ),
          );
        }
      };
      const onError = (err: Error): void => reject(err);
      worker.once('message', onFirst);
      worker.once('error', onError);
      worker.once('exit', (code: number) =>
        reject(new Error(`the ONNX worker thread exited (code ${code})`)),
      );
    });
  }

  /** The [CLS] hidden state of each row, concatenated (rows × hidden size). */
  runCls(inputs: BertBatchInputs): Promise<ArrayLike<number>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const request: OnnxRunRequest = { id, ...inputs };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      const buffers = [inputs.inputIds, inputs.attentionMask, inputs.tokenTypeIds].map(
        (a) => a.buffer,
      );
      this.worker.postMessage(request, buffers as ArrayBuffer[]);
    });
  }

  get broken(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Ends the thread once the runs already sent have finished (their callers get their vectors).
   * Terminating it mid-run instead would abort the process from inside onnxruntime's binding; a
   * run stuck past the grace period is stopped anyway.
   */
  async close(): Promise<void> {
    this.failure ??= new Error('the ONNX session was closed');
    const close: OnnxCloseRequest = { kind: 'close' };
    this.worker.postMessage(close);
    const grace = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    grace.unref();
    await this.exited;
    clearTimeout(grace);
  }

  private onMessage(message: OnnxWorkerMessage): void {
    if (message.kind !== 'result' && message.kind !== 'run-failed') return;
    const run = this.pending.get(message.id);
    if (!run) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.kind === 'result') run.resolve(message.cls);
    else run.reject(new Error(`ONNX inference failed: ${message.message}`));
  }

  private failAll(err: Error): void {
    this.failure ??= err;
    for (const run of this.pending.values()) run.reject(this.failure);
    this.pending.clear();
  }
}
