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

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
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
