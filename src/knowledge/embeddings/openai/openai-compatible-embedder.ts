import { setTimeout as sleep } from 'node:timers/promises';
import type { Embedder } from '../../types';
import {
  EmbeddingRequestError,
  describeError,
  providerErrorMessage,
} from './embedding-request-error';
import { parseEmbeddingsResponse } from './embeddings-response';
import { backoffDelayMs, parseRetryAfterMs } from './retry-timing';

export interface OpenAiCompatibleEmbedderOptions {
  /** e.g. `https://api.openai.com/v1`; requests go to `${baseUrl}/embeddings`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Known vector length; otherwise learned from the first response (0 until then). */
  dimensions?: number;
  /** Texts per request; default 64. */
  batchSize?: number;
  /** Per attempt; default 60 s. */
  timeoutMs?: number;
  /** Attempts per request, the first included; default 5. */
  maxAttempts?: number;
  /** First backoff step; default 500 ms, doubling per attempt. */
  retryBaseDelayMs?: number;
  /** Longest wait between attempts, also for `retry-after`; default 30 s. */
  retryMaxDelayMs?: number;
}

/** Any server speaking OpenAI's `POST /embeddings` (OpenAI, Azure-style proxies, vLLM, Ollama, TEI…). */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly modelId: string;
  private readonly url: string;
  private knownDimensions?: number;

  constructor(private readonly options: OpenAiCompatibleEmbedderOptions) {
    this.modelId = options.model;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    this.knownDimensions = options.dimensions;
  }

  get dimensions(): number {
    return this.knownDimensions ?? 0;
  }

  async embedDocuments(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const batchSize = this.options.batchSize ?? 64;
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      vectors.push(...(await this.request(texts.slice(start, start + batchSize), signal)));
    }
    return vectors;
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<number[]> {
    const [vector] = await this.request([text], signal);
    return vector;
  }

  private async request(input: string[], signal?: AbortSignal): Promise<number[][]> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const maxDelayMs = this.options.retryMaxDelayMs ?? 30_000;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await this.attempt(input, signal);
      if ('vectors' in outcome) return this.checkDimensions(outcome.vectors, outcome.status);
      const { failure, retryAfterMs } = outcome;
      if (attempt >= maxAttempts) {
        throw new Error(`${failure.message} (gave up after ${attempt} attempts)`, {
          cause: failure,
        });
      }
      if (retryAfterMs !== undefined && retryAfterMs > maxDelayMs) {
        throw new Error(
          `${failure.message}; the provider asks to retry after ${retryAfterMs / 1000} s`,
          {
            cause: failure,
          },
        );
      }
      const delayMs =
        retryAfterMs ?? backoffDelayMs(attempt, this.options.retryBaseDelayMs ?? 500, maxDelayMs);
      await sleep(delayMs, undefined, { signal }).catch(() => signal?.throwIfAborted());
    }
  }

  /** One HTTP exchange: vectors, or a failure worth retrying. Non-retryable answers throw. */
  private async attempt(
    input: string[],
    signal?: AbortSignal,
  ): Promise<{ vectors: number[][]; status: number } | { failure: Error; retryAfterMs?: number }> {
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, input }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = await response.text();
      if (response.ok) {
        return {
          vectors: parseEmbeddingsResponse(body, response.status, input.length, this.url),
          status: response.status,
        };
      }
      const explanation = `${this.url} answered ${response.status}: ${providerErrorMessage(body)}`;
      if (!isRetryableStatus(response.status)) {
        throw new EmbeddingRequestError(response.status, explanation);
      }
      return {
        failure: new Error(explanation),
        retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), Date.now()),
      };
    } catch (err) {
      if (err instanceof EmbeddingRequestError) throw err;
      if (signal?.aborted) throw signal.reason;
      const failure = timeout.aborted
        ? new Error(`${this.url} did not answer within ${timeoutMs} ms`)
        : new Error(`${this.url} could not be reached: ${describeError(err)}`, { cause: err });
      return { failure };
    }
  }

  private checkDimensions(vectors: number[][], status: number): number[][] {
    for (const vector of vectors) {
      this.knownDimensions ??= vector.length;
      if (vector.length !== this.knownDimensions) {
        throw new EmbeddingRequestError(
          status,
          `${this.url} returned a ${vector.length}-dimensional vector for ${this.modelId}, expected ${this.knownDimensions}`,
        );
      }
    }
    return vectors;
  }
}

/** Rate limits, timeouts and server faults pass; other 4xx answers are the same on every try. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
