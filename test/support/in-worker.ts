import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; name: string; message: string };

/**
 * Calls exported functions of the project's sources in a worker thread (see call-worker.js), so
 * that a call stuck in a super-linear loop leaves the test thread free for Jest's timeout. One
 * worker serves calls in turn; `stop()` (in afterEach) ends it, stuck or not.
 */
export class InWorker {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  /** `call('src/knowledge/cleaning', 'undoHyphenation', text)`: path relative to the repo root. */
  call<T>(module: string, exportName: string, ...args: unknown[]): Promise<T> {
    const worker = this.start();
    const id = this.nextId++;
    const modulePath = resolve(__dirname, '..', '..', module);
    return new Promise<T>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise as (v: unknown) => void, reject });
      worker.postMessage({ id, modulePath, exportName, args });
    });
  }

  /** Ends the worker if a call is still running (the test timed out on it). */
  async stopIfBusy(): Promise<void> {
    if (this.pending.size > 0) await this.stop();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const { reject } of this.pending.values()) reject(new Error('worker stopped'));
    this.pending.clear();
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(join(__dirname, 'call-worker.js'));
    worker.on('message', (reply: Reply) => {
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!call) return;
      if (reply.ok) call.resolve(reply.value);
      else call.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    });
    worker.on('error', (err) => {
      for (const { reject } of this.pending.values()) reject(err);
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }
}
