import { ApplicationFailure } from '@temporalio/activity';
import { embeddingFailure } from '../embeddings/embedding-failure';
import { KnowledgeStoreError } from '../store/errors';

/**
 * What an ingestion activity throws for an error: store errors are about the request (a missing
 * knowledge base, a model mismatch) and embedding rejections about the provider's answer, so both
 * fail without retries; an embedding outage is retried after the provider's Retry-After; anything
 * else is retried with the policy's backoff.
 */
export function ingestFailure(err: unknown): unknown {
  const embedding = embeddingFailure(err);
  if (embedding) return embedding;
  if (err instanceof KnowledgeStoreError) {
    return ApplicationFailure.nonRetryable(err.message, err.name);
  }
  return err;
}

/** For `.catch()`: rethrows as ingestFailure says. */
export function rethrowForTemporal(err: unknown): never {
  throw ingestFailure(err);
}
