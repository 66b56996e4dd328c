import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  LLAMA_WORKER_SCRIPT,
  type LlamaWorkerData,
  type LlamaWorkerMessage,
  type LlamaWorkerRequest,
} from './llama-worker-script';
import { ModelCallError } from './model-call-error';
import type { JsonSchema } from './types';

export interface LlamaRuntimeOptions {
  modelPath: string;
  contextSize: number;
  threads: number;
}

export interface LlamaRequest {
  system: string;
  prompt: string;
  /** Decode under a grammar built from this schema. */
  schema?: JsonSchema;
  maxTokens: number;
  signal?: AbortSignal;
  /** Each piece of text as it is decoded. */
  onToken?: (text: string) => void;
}

export interface LlamaReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

interface Pending {
  resolve: (reply: LlamaReply) => void;
  reject: (err: Error) => void;
  onToken?: (text: string) => void;
}

/**
 * One GGUF file loaded by node-llama-cpp in its own worker thread, on first use, shared by every
 * role and call shape that names the same file. Schema requests are decoded under a grammar, so a
 * grader's reply always parses, even from a 135M-parameter model.
 */
export class LlamaRuntime {
  readonly id: string;
  private worker?: Promise<Worker>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: LlamaRuntimeOptions) {
    this.id = `gguf:${options.modelPath}`;
  }

  async chat(request: LlamaRequest): Promise<LlamaReply> {
    request.signal?.throwIfAborted();
    const worker = await this.start();
    const id = this.nextId++;
    const call: LlamaWorkerRequest = {
      kind: 'chat',
      id,
      system: request.system,
      prompt: request.prompt,
      schema: request.schema,
      maxTokens: request.maxTokens,
      stream: Boolean(request.onToken),
    };
    const onAbort = (): void => worker.postMessage({ kind: 'abort', id });
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<LlamaReply>((resolve, reject) => {
        this.pending.set(id, { resolve, reject, onToken: request.onToken });
        if (this.pending.size === 1) worker.ref();
        worker.postMessage(call);
      });
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Ends the thread after node-llama-cpp has stopped decoding and freed the model: terminating a
   * worker thread in the middle of a native call aborts the whole process. Terminates it anyway
   * when it has not ended within `graceMs`.
   */
  async close(graceMs = 15_000): Promise<void> {
    const started = this.worker;
    this.worker = undefined;
    const worker = await started?.catch(() => undefined);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ kind: 'close' } satisfies LlamaWorkerRequest);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
    clearTimeout(timer);
  }

  private start(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      const data: LlamaWorkerData = {
        moduleUrl: pathToFileURL(require.resolve('node-llama-cpp')).href,
        modelPath: this.options.modelPath,
        contextSize: this.options.contextSize,
        threads: this.options.threads,
      };
      const worker = new Worker(LLAMA_WORKER_SCRIPT, { eval: true, workerData: data });
      worker.once('message', (first: LlamaWorkerMessage) => {
        if (first.kind === 'ready') {
          worker.unref();
          worker.on('message', (m: LlamaWorkerMessage) => this.onMessage(m));
          resolve(worker);
        } else {
          void worker.terminate();
          const why = first.kind === 'load-failed' ? first.message : first.kind;
          // A model that cannot load will not load on retry either.
          reject(new ModelCallError(this.id, `could not load the model: ${why}`, false));
        }
      });
      worker.on('error', (err: Error) => this.failAll(err, reject));
      worker.on('exit', (code) =>
        this.failAll(new Error(`the llama.cpp worker thread exited (code ${code})`), reject),
      );
    });
    return this.worker;
  }

  private onMessage(message: LlamaWorkerMessage): void {
    if (message.kind !== 'reply' && message.kind !== 'failed' && message.kind !== 'token') return;
    const call = this.pending.get(message.id);
    if (!call) return;
    if (message.kind === 'token') {
      call.onToken?.(message.text);
      return;
    }
    this.pending.delete(message.id);
    if (this.pending.size === 0) void this.worker?.then((w) => w.unref());
    if (message.kind === 'reply') {
      call.resolve({
        text: message.text,
        inputTokens: message.inputTokens,
        outputTokens: message.outputTokens,
      });
    } else if (message.aborted) {
      call.reject(new DOMException('the model call was cancelled', 'AbortError'));
    } else {
      call.reject(new ModelCallError(this.id, message.message, true));
    }
  }

  private failAll(err: Error, reject: (err: Error) => void): void {
    reject(err);
    this.worker = undefined;
    for (const call of this.pending.values())
      call.reject(new ModelCallError(this.id, err.message, true));
    this.pending.clear();
  }
}
