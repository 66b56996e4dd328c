import type { ClientConfig } from './client-config';

/** An error the API answered with, carrying its stable code. */
export class QuarryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'QuarryApiError';
  }
}

/** A thin HTTP client of a running Quarry, for the CLI. */
export class QuarryClient {
  constructor(private readonly config: ClientConfig) {}

  get baseUrl(): string {
    return this.config.baseUrl;
  }

  private authHeaders(): Record<string, string> {
    return this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {};
  }

  /**
   * A Server-Sent Events stream, event by event. When the connection drops before the server ends
   * the stream, it reconnects with `Last-Event-ID`, so no event is lost or repeated.
   */
  async *events(path: string): AsyncGenerator<ServerEvent> {
    let lastId: string | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const headers = { ...this.authHeaders(), accept: 'text/event-stream' };
      if (lastId) Object.assign(headers, { 'last-event-id': lastId });
      let res: Response;
      try {
        res = await fetch(`${this.config.baseUrl}${path}`, { headers });
      } catch {
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
        continue;
      }
      if (!res.ok || !res.body) {
        const text = await res.text();
        const error = (JSON.parse(text || '{}') as { error?: { code?: string; message?: string } })
          .error;
        throw new QuarryApiError(res.status, error?.code ?? 'http_error', error?.message ?? text);
      }
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = parseServerEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (!event) continue;
            if (event.id) lastId = event.id;
            attempt = 0;
            yield event;
          }
        }
        return; // the server ended the stream: the task ended
      } catch {
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
    throw new Error(`lost the event stream of ${path}`);
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { ...extraHeaders, ...this.authHeaders() };
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(`${this.config.baseUrl}${path}`, { method, headers, body: payload });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new Error(
        `Quarry is not reachable at ${this.config.baseUrl} (${cause}). Start it with \`npm start\`, or set QUARRY_URL.`,
      );
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const error = (
        json as { error?: { code?: string; message?: string; details?: unknown } } | undefined
      )?.error;
      throw new QuarryApiError(
        res.status,
        error?.code ?? 'http_error',
        error?.message ?? `HTTP ${res.status}`,
        error?.details,
      );
    }
    return json as T;
  }
}

export interface ServerEvent {
  id?: string;
  event: string;
  data: unknown;
}

function parseServerEvent(block: string): ServerEvent | undefined {
  const lines = block.split('\n').filter((l) => l !== '' && !l.startsWith(':'));
  if (lines.length === 0) return undefined;
  const values = (field: string) =>
    lines.filter((l) => l.startsWith(`${field}:`)).map((l) => l.slice(field.length + 1).trim());
  const data = values('data').join('\n');
  return {
    id: values('id')[0],
    event: values('event')[0] ?? 'message',
    data: data ? (JSON.parse(data) as unknown) : null,
  };
}
