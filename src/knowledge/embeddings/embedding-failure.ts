import { ApplicationFailure } from '@temporalio/common';
import { EmbeddingRequestError, EmbeddingUnavailableError } from './openai/embedding-request-error';

/**
 * How a failed embedding call tells Temporal whether to retry its activity: a request the
 * provider rejected fails at once with the provider's message; an outage is retried, after as
 * long as the provider asked. Undefined for other errors (the caller decides).
 */
export function embeddingFailure(err: unknown): ApplicationFailure | undefined {
  if (err instanceof EmbeddingRequestError) {
    return ApplicationFailure.nonRetryable(err.message, 'EmbeddingRequestError');
  }
  if (err instanceof EmbeddingUnavailableError) {
    return ApplicationFailure.create({
      message: err.message,
      type: err.status === 429 ? 'EmbeddingRateLimited' : 'EmbeddingUnavailable',
      ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
    });
  }
  return undefined;
}
