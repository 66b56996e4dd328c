export {
  createEmbedder,
  EMBEDDING_PROVIDER_NAMES,
  EMBEDDING_PROVIDERS,
  embeddingSettings,
  type EmbedderAssets,
  type EmbeddingProviderName,
  type EmbeddingSettings,
} from './providers';
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
