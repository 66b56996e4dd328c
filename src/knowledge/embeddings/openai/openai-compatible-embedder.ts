import {
  isRetryableStatus,
  providerErrorMessage,
  retryAfterMs,
} from '../../../models/provider-errors';
import type { Embedder } from '../../types';
import {
  EmbeddingRequestError,
  EmbeddingUnavailableError,
  describeError,
} from './embedding-request-error';
import { parseEmbeddingsResponse } from './embeddings-response';

export interface OpenAiCompatibleEmbedderOptions {
  /** e.g. `https://api.openai.com/v1`; requests go to `${baseUrl}/embeddings`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Known vector length; otherwise learned from the first response (0 until then). */
  dimensions?: number;
  /** Texts per request (QUARRY_EMBEDDING_BATCH_SIZE); default 64. */
  batchSize?: number;
  /** Per request, documents and queries alike (QUARRY_EMBEDDING_TIMEOUT_MS); default 60 s. */
  timeoutMs?: number;
}

/**
 * Any server speaking OpenAI's `POST /embeddings` (OpenAI, Azure-style proxies, vLLM, Ollama,
 * TEI…). One HTTP request per batch and no retries of its own, as with the chat models: a failed
 * request throws EmbeddingRequestError (retrying cannot help) or EmbeddingUnavailableError (it
 * may), and Temporal retries the activity with backoff and a durable record.
 */
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
    signal?.throwIfAborted();
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, input }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      body = await response.text();
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw timeout.aborted
        ? new EmbeddingUnavailableError(`${this.url} did not answer within ${timeoutMs} ms`)
        : new EmbeddingUnavailableError(
            `${this.url} could not be reached: ${describeError(err)}`,
            undefined,
            undefined,
            { cause: err },
          );
    }
    if (!response.ok) {
      const explanation = `${this.url} answered ${response.status}: ${providerErrorMessage(body)}`;
      if (!isRetryableStatus(response.status)) {
        throw new EmbeddingRequestError(response.status, explanation);
      }
      throw new EmbeddingUnavailableError(
        explanation,
        response.status,
        retryAfterMs(response.headers),
      );
    }
    const vectors = parseEmbeddingsResponse(body, response.status, input.length, this.url);
    return this.checkDimensions(vectors, response.status);
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
