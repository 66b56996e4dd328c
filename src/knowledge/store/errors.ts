import { KNOWLEDGE_BASE_NAME_MESSAGE } from './names';

/** Errors of the store that callers map to an HTTP status (and mark non-retryable in Temporal). */
export abstract class KnowledgeStoreError extends Error {
  abstract readonly status: 400 | 404 | 409;
}

/** 409: a knowledge base of that name already exists for the tenant. */
export class KnowledgeBaseExistsError extends KnowledgeStoreError {
  override readonly status = 409;
  constructor(readonly knowledgeBase: string) {
    super(`knowledge base "${knowledgeBase}" already exists`);
    this.name = 'KnowledgeBaseExistsError';
  }
}

/** 404: no knowledge base of that name for the tenant. */
export class KnowledgeBaseNotFoundError extends KnowledgeStoreError {
  override readonly status = 404;
  constructor(readonly knowledgeBase: string) {
    super(`knowledge base "${knowledgeBase}" does not exist`);
    this.name = 'KnowledgeBaseNotFoundError';
  }
}

/**
 * 409: the knowledge base was deleted (and perhaps created again) while documents were being
 * written to it. The writes are dropped; retrying cannot bring the old knowledge base back.
 */
export class KnowledgeBaseDeletedError extends KnowledgeStoreError {
  override readonly status = 409;
  constructor(readonly knowledgeBase: string) {
    super(`knowledge base "${knowledgeBase}" was deleted while documents were being written to it`);
    this.name = 'KnowledgeBaseDeletedError';
  }
}

/** 400: the name breaks KNOWLEDGE_BASE_NAME_PATTERN. */
export class InvalidKnowledgeBaseNameError extends KnowledgeStoreError {
  override readonly status = 400;
  constructor(readonly knowledgeBase: string) {
    super(`invalid knowledge base name "${knowledgeBase}": ${KNOWLEDGE_BASE_NAME_MESSAGE}`);
    this.name = 'InvalidKnowledgeBaseNameError';
  }
}

/**
 * Vectors from another model (or of another length) than the knowledge base was created with:
 * mixing them would silently corrupt ranking, so the knowledge base must be re-indexed instead.
 */
export class EmbeddingModelMismatchError extends KnowledgeStoreError {
  override readonly status = 409;
  constructor(
    readonly knowledgeBase: string,
    readonly expected: { model: string; dimensions: number },
    readonly actual: { model?: string; dimensions: number },
  ) {
    super(
      `knowledge base "${knowledgeBase}" is indexed with ${expected.model} (${expected.dimensions} dimensions), ` +
        `got ${actual.model ?? 'a vector'} (${actual.dimensions} dimensions); re-index to change the embedding model`,
    );
    this.name = 'EmbeddingModelMismatchError';
  }
}

/** 400: bad input to a store call (search options, chunk/vector counts, knowledge-base settings). */
export class InvalidStoreRequestError extends KnowledgeStoreError {
  override readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStoreRequestError';
  }
}
