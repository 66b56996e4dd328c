export { KnowledgeStore } from './knowledge-store';
export {
  EmbeddingModelMismatchError,
  InvalidKnowledgeBaseNameError,
  InvalidStoreRequestError,
  KnowledgeBaseDeletedError,
  KnowledgeBaseExistsError,
  KnowledgeBaseNotFoundError,
  KnowledgeStoreError,
} from './errors';
export {
  chunkCollectionName,
  isValidKnowledgeBaseName,
  kbDataTenant,
  kbTenantKey,
  KNOWLEDGE_BASE_NAME_MESSAGE,
  KNOWLEDGE_BASE_NAME_PATTERN,
  tenantKey,
} from './names';
export { chunkId, documentId, knowledgeBaseId, uuidV5 } from './ids';
export { DEFAULT_ALPHA, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './search-request';
export { INSERT_BATCH_SIZE } from './chunk-insert';
export type * from './types';
