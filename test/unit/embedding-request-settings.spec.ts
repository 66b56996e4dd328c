import { loadConfig } from '../../src/config/config';
import { createEmbedder, EmbeddingUnavailableError } from '../../src/knowledge/embeddings';
import { OpenAiTestServer } from '../support/openai-test-server';
import { until } from '../support/poll';

/** The variables QUARRY_EMBEDDING_PROVIDER=openai needs, plus `extra`. */
const openaiEnv = (baseUrl: string, extra: Record<string, string> = {}) => ({
  QUARRY_EMBEDDING_PROVIDER: 'openai',
  QUARRY_EMBEDDING_BASE_URL: baseUrl,
  QUARRY_EMBEDDING_MODEL: 'test-embedding',
  ...extra,
});

describe('QUARRY_EMBEDDING_BATCH_SIZE and QUARRY_EMBEDDING_TIMEOUT_MS', () => {
  const base = 'http://127.0.0.1:3450/v1';

  it('default to 64 texts and 60 s per request, also when set empty', () => {
    for (const env of [
      openaiEnv(base),
      openaiEnv(base, { QUARRY_EMBEDDING_BATCH_SIZE: '', QUARRY_EMBEDDING_TIMEOUT_MS: '' }),
    ]) {
      expect(loadConfig(env).embedding).toMatchObject({ batchSize: 64, timeoutMs: 60_000 });
    }
  });

  it('take whole numbers within their bounds', () => {
    const low = openaiEnv(base, {
      QUARRY_EMBEDDING_BATCH_SIZE: '1',
      QUARRY_EMBEDDING_TIMEOUT_MS: '1000',
    });
    expect(loadConfig(low).embedding).toMatchObject({ batchSize: 1, timeoutMs: 1000 });
    const high = openaiEnv(base, {
      QUARRY_EMBEDDING_BATCH_SIZE: '2048',
      QUARRY_EMBEDDING_TIMEOUT_MS: '3600000',
    });
    expect(loadConfig(high).embedding).toMatchObject({ batchSize: 2048, timeoutMs: 3_600_000 });
  });

  it.each([
    ['QUARRY_EMBEDDING_BATCH_SIZE', 'eight', 'must be a whole number between 1 and 2048'],
    ['QUARRY_EMBEDDING_BATCH_SIZE', '0', 'must be a whole number between 1 and 2048'],
    ['QUARRY_EMBEDDING_BATCH_SIZE', '2049', 'must be a whole number between 1 and 2048'],
    ['QUARRY_EMBEDDING_BATCH_SIZE', '2.5', 'must be a whole number between 1 and 2048'],
    ['QUARRY_EMBEDDING_TIMEOUT_MS', '999', 'must be a whole number between 1000 and 3600000'],
    ['QUARRY_EMBEDDING_TIMEOUT_MS', '3600001', 'must be a whole number between 1000 and 3600000'],
    ['QUARRY_EMBEDDING_TIMEOUT_MS', '2m', 'must be a whole number between 1000 and 3600000'],
  ])('refuse %s=%j, naming the variable', (name, value, message) => {
    expect(() => loadConfig(openaiEnv(base, { [name]: value }))).toThrow(
      `${name}=${JSON.stringify(value)}: ${message}`,
    );
  });
});

let server: OpenAiTestServer;

describe('the OpenAI-compatible embedder as configured', () => {
  let baseUrl: string;
  beforeEach(async () => {
    server = new OpenAiTestServer();
    baseUrl = await server.start();
  });
  afterEach(() => server.stop());

  const embedderFor = (extra: Record<string, string>) =>
    createEmbedder(loadConfig(openaiEnv(baseUrl, extra)).embedding, { modelDir: '/nowhere' });

  it('sends QUARRY_EMBEDDING_BATCH_SIZE texts per request, in order', async () => {
    const embedder = embedderFor({ QUARRY_EMBEDDING_BATCH_SIZE: '3' });
    const texts = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const vectors = await embedder.embedDocuments(texts);
    expect(vectors).toHaveLength(7);
    expect(server.embeddingRequests).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  });

  it('sends 64 texts per request by default', async () => {
    const texts = Array.from({ length: 130 }, (_, i) => `text ${i}`);
    await embedderFor({}).embedDocuments(texts);
    expect(server.embeddingRequests.map((input) => input.length)).toEqual([64, 64, 2]);
  });

  it('abandons a document request after QUARRY_EMBEDDING_TIMEOUT_MS, closing its connection', async () => {
    const embedder = embedderFor({ QUARRY_EMBEDDING_TIMEOUT_MS: '1000' });
    server.enqueueEmbeddings({ hang: true });
    const started = Date.now();
    const error = await embedder.embedDocuments(['slow']).catch((err: unknown) => err);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(EmbeddingUnavailableError);
    expect((error as Error).message).toMatch(/did not answer within 1000 ms/);
    // Not before the configured time; the upper bound only guards against a default (60 s) timeout.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(10_000);
    await serverSawClose();
  });

  it('abandons a query after QUARRY_EMBEDDING_TIMEOUT_MS too', async () => {
    const embedder = embedderFor({ QUARRY_EMBEDDING_TIMEOUT_MS: '1500' });
    server.enqueueEmbeddings({ hang: true });
    await expect(embedder.embedQuery('slow question')).rejects.toThrow(
      /did not answer within 1500 ms/,
    );
    await serverSawClose();
    // The endpoint answers again: the next query goes through.
    await expect(embedder.embedQuery('next question')).resolves.toHaveLength(
      server.embeddingDimensions,
    );
  });
});

/** The hanging request's connection was closed by the client (not left to run on). */
const serverSawClose = () =>
  until(
    () => Promise.resolve(server.abortedEmbeddings),
    (n) => n === 1,
    'the embedding server saw the abandoned request close',
  );
