import { Client } from 'pg';
import { tokenFrames, tokenListenerConnects } from '../metrics/registry';
import type { TokenChannel, TokenEvent, TokenListener } from './token-channel';
import { channelFor, decodeFrame, encodeFrame, FrameBatcher } from './token-frames';
import { TokenListenerConnection } from './token-listener-connection';

export interface PostgresTokenChannelOptions {
  url: string;
  /** How long tokens gather into a frame before it is sent. */
  flushMs?: number;
  /** Frames waiting or in flight beyond which new tokens are dropped (a slow or absent database). */
  maxPendingFrames?: number;
  /** The listener's reconnection delays: doubling from the first to the most. */
  reconnect?: { firstMs: number; maxMs: number };
  log?: (message: string) => void;
}

export interface TokenChannelStats {
  framesSent: number;
  framesDropped: number;
  framesReceived: number;
  /** Successful connections of the listener: more than one means it reconnected. */
  listenerConnects: number;
}

/**
 * Tokens between processes over PostgreSQL's LISTEN/NOTIFY: workers publish, API processes
 * subscribe. Publishing never waits and never throws: frames that cannot be sent are dropped and
 * counted (the durable answer still comes with the workflow's result). Each process opens at most
 * two connections, lazily: one to publish (a worker), one dedicated to listening (an API).
 */
export class PostgresTokenChannel implements TokenChannel {
  readonly stats: TokenChannelStats = {
    framesSent: 0,
    framesDropped: 0,
    framesReceived: 0,
    listenerConnects: 0,
  };
  private readonly batcher = new FrameBatcher();
  private flushTimer?: NodeJS.Timeout;
  private inFlight = 0;
  /** Sends one after another: order kept, and pg 8 deprecates queueing queries on a client. */
  private sending: Promise<void> = Promise.resolve();
  private publisher?: Promise<Client>;
  private publisherRetryAt = 0;
  private readonly subscribers = new Map<string, Set<TokenListener>>();
  private readonly listener: TokenListenerConnection;
  private closed = false;

  constructor(private readonly o: PostgresTokenChannelOptions) {
    this.listener = new TokenListenerConnection({
      url: o.url,
      reconnect: o.reconnect ?? { firstMs: 100, maxMs: 5000 },
      channels: () => [...this.subscribers.keys()].map(channelFor),
      onPayload: (payload) => this.deliver(payload),
      onConnected: () => {
        this.stats.listenerConnects++;
        tokenListenerConnects.inc();
      },
      log: o.log,
    });
  }

  publish(event: TokenEvent): void {
    if (this.closed || !event.text) return;
    if (this.inFlight + this.batcher.size >= (this.o.maxPendingFrames ?? 1000)) {
      this.dropped(1);
      return;
    }
    this.batcher.push(event);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.o.flushMs ?? 20);
  }

  subscribe(task: string, listener: TokenListener): () => void {
    let set = this.subscribers.get(task);
    if (!set) {
      set = new Set();
      this.subscribers.set(task, set);
      this.listener.listen(channelFor(task));
    }
    set.add(listener);
    return () => {
      const current = this.subscribers.get(task);
      if (!current?.delete(listener) || current.size > 0) return;
      this.subscribers.delete(task);
      this.listener.unlisten(channelFor(task));
    };
  }

  /** Opens the listening connection ahead of the first stream (the API's processes do). */
  openListener(): void {
    this.listener.open();
  }

  /** Whether this process now receives the task's tokens (its LISTEN is confirmed). */
  listening(task: string): boolean {
    return this.listener.listening(channelFor(task));
  }

  async close(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.flush();
    this.closed = true;
    this.subscribers.clear();
    await this.listener.close();
    const publisher = await this.publisher?.catch(() => undefined);
    this.publisher = undefined;
    await publisher?.end().catch(() => undefined);
  }

  private deliver(payload: string | undefined): void {
    const event = decodeFrame(payload);
    // The frame names its task: a digest collision between two channels cannot mix them.
    const listeners = event && this.subscribers.get(event.task);
    if (!listeners) return;
    this.stats.framesReceived++;
    for (const l of listeners) l(event);
  }

  private flush(): Promise<void> {
    const frames = this.batcher.take();
    if (frames.length === 0) return this.sending;
    this.inFlight += frames.length;
    this.sending = this.sending.then(() => this.send(frames));
    return this.sending;
  }

  /**
   * One NOTIFY per frame, each its own transaction: PostgreSQL folds identical notifications
   * within one transaction, and two frames of a draft may well be identical.
   */
  private async send(frames: TokenEvent[]): Promise<void> {
    const client = await this.connectPublisher().catch(() => undefined);
    for (const f of frames) {
      this.inFlight--;
      if (!client || this.publisher === undefined) {
        this.dropped(1);
        continue;
      }
      try {
        await client.query('SELECT pg_notify($1, $2)', [channelFor(f.task), encodeFrame(f)]);
        this.stats.framesSent++;
        tokenFrames.inc({ outcome: 'sent' });
      } catch {
        this.dropped(1);
      }
    }
  }

  private dropped(n: number): void {
    this.stats.framesDropped += n;
    tokenFrames.inc({ outcome: 'dropped' }, n);
  }

  /** The publishing connection, opened on first use; after a failure, not retried for a while. */
  private connectPublisher(): Promise<Client> {
    if (this.publisher) return this.publisher;
    if (this.closed || Date.now() < this.publisherRetryAt)
      return Promise.reject(new Error('token publisher unavailable'));
    const client = new Client({
      connectionString: this.o.url,
      application_name: 'quarry-token-publisher',
      connectionTimeoutMillis: 5000,
      // A hung server must not pile up frames: a NOTIFY that takes this long is dropped.
      query_timeout: 5000,
    });
    const lost = (err?: Error) => {
      if (this.publisher === connecting) this.publisher = undefined;
      this.publisherRetryAt = Date.now() + 1000;
      if (err) this.o.log?.(`token publisher connection lost: ${err.message}`);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    const connecting: Promise<Client> = client.connect().then(
      () => client,
      (err: Error) => {
        lost(err);
        throw err;
      },
    );
    this.publisher = connecting;
    return connecting;
  }
}
