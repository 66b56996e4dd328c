import {
  CachedQueryEmbedder,
  QUERY_CACHE_SIZE,
  type ClosableEmbedder,
} from './cached-query-embedder';
import { OnnxBgeEmbedder } from './onnx/onnx-bge-embedder';
import { OpenAiCompatibleEmbedder } from './openai/openai-compatible-embedder';

export type EmbeddingConfig =
  | { provider: 'local'; modelDir: string; threads?: number; batchSize?: number }
  | {
      provider: 'openai';
      baseUrl: string;
      apiKey?: string;
      model: string;
      dimensions?: number;
      batchSize?: number;
    };

/** The configured embedder, with query vectors cached (the last 1000 distinct queries). */
export function createEmbedder(cfg: EmbeddingConfig): ClosableEmbedder {
  const embedder =
    cfg.provider === 'local'
      ? new OnnxBgeEmbedder({
          modelDir: cfg.modelDir,
          threads: cfg.threads,
          batchSize: cfg.batchSize,
        })
      : new OpenAiCompatibleEmbedder({
          baseUrl: cfg.baseUrl,
          apiKey: cfg.apiKey,
          model: cfg.model,
          dimensions: cfg.dimensions,
          batchSize: cfg.batchSize,
        });
  return new CachedQueryEmbedder(embedder, QUERY_CACHE_SIZE);
}

export {
  CachedQueryEmbedder,
  QUERY_CACHE_SIZE,
  type ClosableEmbedder,
} from './cached-query-embedder';
export { LruCache } from './lru-cache';
export {
  BGE_ZH_QUERY_INSTRUCTION,
  OnnxBgeEmbedder,
  type OnnxBgeEmbedderOptions,
} from './onnx/onnx-bge-embedder';
export {
  OpenAiCompatibleEmbedder,
  type OpenAiCompatibleEmbedderOptions,
} from './openai/openai-compatible-embedder';
export { EmbeddingRequestError, EmbeddingUnavailableError } from './openai/embedding-request-error';
export { embeddingFailure } from './embedding-failure';
export { BertTokenizer, BERT_MAX_TOKENS } from './tokenizer/bert-tokenizer';
