import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { embeddingFailure } from '../knowledge/embeddings/embedding-failure';
import { KnowledgeStoreError } from '../knowledge/store/errors';
import { ModelCallError } from '../models/chat';
import { InvalidAgentInputError } from './configuration';
import { StepMismatchError } from './step-runner';

/**
 * How a failed agent step tells Temporal whether to retry it: bad input and requests a provider
 * rejected fail the workflow with the reason; overload waits as long as the provider asked; a
 * cancelled call reports cancellation; everything else is retried with the policy's backoff.
 * Embedding calls (the query, the extractive engine's passages) follow the same rules.
 */
export function toStepFailure(err: unknown, cancelled: AbortSignal): unknown {
  if (cancelled.aborted) return new CancelledFailure('the agent step was cancelled');
  if (
    err instanceof StepMismatchError ||
    err instanceof InvalidAgentInputError ||
    err instanceof KnowledgeStoreError
  ) {
    return ApplicationFailure.nonRetryable(err.message, err.name);
  }
  const embedding = embeddingFailure(err);
  if (embedding) return embedding;
  if (err instanceof ModelCallError) {
    if (!err.retryable) return ApplicationFailure.nonRetryable(err.message, 'ModelRequestRejected');
    return ApplicationFailure.create({
      message: err.message,
      type: err.status === 429 ? 'ModelRateLimited' : 'ModelUnavailable',
      ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
    });
  }
  return err;
}
