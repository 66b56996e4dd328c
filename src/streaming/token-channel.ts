import { EventEmitter } from 'node:events';

/** A piece of an answer as the model writes it: best effort, never stored, never in history. */
export interface TokenEvent {
  /** The task (workflow id) the answer belongs to. */
  task: string;
  /** The agent node writing (`generate`). */
  node: string;
  /** The step attempt that writes it: a retried or repeated step starts a new draft. */
  draft: string;
  text: string;
}

export type TokenListener = (event: TokenEvent) => void;

/**
 * Carries tokens from the activity that generates them to the event streams that show them. Only
 * the final answer is durable (it is the workflow's result); a client that connects late or
 * reconnects gets that, not the tokens it missed.
 */
export interface TokenChannel {
  publish(event: TokenEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(task: string, listener: TokenListener): () => void;
  close(): Promise<void>;
}

/** Within one process: the local default, where the worker runs inside the API. */
export class InProcessTokenChannel implements TokenChannel {
  private readonly events = new EventEmitter();

  constructor() {
    // One listener per open event stream of a task: the per-tenant stream cap bounds them.
    this.events.setMaxListeners(0);
  }

  publish(event: TokenEvent): void {
    this.events.emit(event.task, event);
  }

  subscribe(task: string, listener: TokenListener): () => void {
    this.events.on(task, listener);
    return () => this.events.off(task, listener);
  }

  close(): Promise<void> {
    this.events.removeAllListeners();
    return Promise.resolve();
  }
}
