import { Client } from 'pg';

export interface TokenListenerOptions {
  url: string;
  reconnect: { firstMs: number; maxMs: number };
  /** The channels to listen on now: asked again after every (re)connection. */
  channels: () => string[];
  onPayload: (payload: string | undefined) => void;
  onConnected?: () => void;
  log?: (message: string) => void;
}

/** The name the listening connection shows in pg_stat_activity (operators, the fault test). */
export const LISTENER_APPLICATION_NAME = 'quarry-token-listener';

/**
 * The process's one listening connection: opened when the API starts (or the first stream of a
 * task opens), and when lost, opened again with a doubling delay while any channel is wanted,
 * listening again on every wanted channel. Tokens sent while it is down are missed (best effort); the final answer is not.
 */
export class TokenListenerConnection {
  private client?: Client;
  /** LISTEN and UNLISTEN one after another (pg 8 deprecates queueing queries on a client). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Channels the current connection has confirmed it listens on. */
  private readonly confirmed = new Set<string>();
  private connecting = false;
  private retryTimer?: NodeJS.Timeout;
  private delayMs: number;
  private closed = false;

  constructor(private readonly o: TokenListenerOptions) {
    this.delayMs = o.reconnect.firstMs;
  }

  /** Whether frames sent on the channel now reach this process. */
  listening(channel: string): boolean {
    return this.confirmed.has(channel);
  }

  /**
   * Connects now, before any stream wants a channel: a stream's LISTEN is then one query, sent
   * before the first tokens of its task are (opening a connection can take longer than an answer's
   * first steps, and tokens sent before the LISTEN are missed).
   */
  open(): void {
    this.ensure();
  }

  listen(channel: string): void {
    const client = this.client;
    if (!client) return this.ensure();
    void this.send(client, `LISTEN ${client.escapeIdentifier(channel)}`).then((ok) => {
      // An UNLISTEN may have followed while the LISTEN was on its way.
      if (ok && this.client === client && this.o.channels().includes(channel))
        this.confirmed.add(channel);
    });
  }

  unlisten(channel: string): void {
    this.confirmed.delete(channel);
    const client = this.client;
    if (client) void this.send(client, `UNLISTEN ${client.escapeIdentifier(channel)}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.confirmed.clear();
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** A failed LISTEN means a broken connection: its 'error' or 'end' brings the reconnection. */
  private send(client: Client, sql: string): Promise<boolean> {
    const sent = this.queue.then(() =>
      client.query(sql).then(
        () => true,
        (err: Error) => {
          this.o.log?.(`token listener: ${err.message}`);
          return false;
        },
      ),
    );
    this.queue = sent;
    return sent;
  }

  private ensure(): void {
    if (this.closed || this.client || this.connecting || this.retryTimer) return;
    this.connecting = true;
    void this.connect().finally(() => (this.connecting = false));
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.o.url,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) {
        this.client = undefined;
        this.confirmed.clear();
      }
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.o.log?.(`token listener connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
      this.retryLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => this.o.onPayload(msg.payload));
    try {
      await client.connect();
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.closed || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delayMs = this.o.reconnect.firstMs;
    // Counted once it listens again, so whoever waits for it knows frames now reach it.
    await Promise.all(
      this.o.channels().map(async (channel) => {
        const ok = await this.send(client, `LISTEN ${client.escapeIdentifier(channel)}`);
        if (ok && this.client === client) this.confirmed.add(channel);
      }),
    );
    if (this.client === client) this.o.onConnected?.();
  }

  private retryLater(): void {
    if (this.retryTimer || this.closed) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.o.reconnect.maxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // Nobody is watching a task any more: the next stream to open connects again.
      if (this.o.channels().length > 0) this.ensure();
    }, delay);
    this.retryTimer.unref();
  }
}
