import { z } from 'zod';
import { EmbeddingRequestError } from './embedding-request-error';

const embeddingsResponse = z.object({
  data: z.array(
    z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }),
  ),
});

/** The vectors of an OpenAI-style `/embeddings` answer, in input order, checked for shape. */
export function parseEmbeddingsResponse(
  body: string,
  status: number,
  expectedCount: number,
  url: string,
): number[][] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new EmbeddingRequestError(
      status,
      `${url} answered ${status} with a body that is not JSON (${(err as Error).message}); is the base URL an OpenAI-compatible API?`,
    );
  }
  const parsed = embeddingsResponse.safeParse(json);
  if (!parsed.success) {
    throw new EmbeddingRequestError(
      status,
      `${url} answered ${status} without a list of embeddings in "data"`,
    );
  }
  const vectors = new Array<number[] | undefined>(expectedCount);
  for (const item of parsed.data.data) {
    if (item.index < expectedCount) vectors[item.index] = item.embedding;
  }
  const missing = vectors.findIndex((v) => v === undefined);
  if (parsed.data.data.length !== expectedCount || missing !== -1) {
    throw new EmbeddingRequestError(
      status,
      `${url} returned ${parsed.data.data.length} embeddings for ${expectedCount} inputs`,
    );
  }
  return vectors as number[][];
}
