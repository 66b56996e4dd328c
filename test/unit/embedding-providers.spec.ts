import { ConfigError, loadConfig } from '../../src/config/config';
import {
  EMBEDDING_PROVIDER_NAMES,
  EMBEDDING_PROVIDERS,
  createEmbedder,
} from '../../src/knowledge/embeddings';
import { readmeRow } from '../support/readme-table';

describe('the embedding provider table', () => {
  it('is what the README says QUARRY_EMBEDDING_PROVIDER takes, the first row the default', () => {
    const [, defaultValue, meaning] = readmeRow('`QUARRY_EMBEDDING_PROVIDER`');
    expect(defaultValue).toBe(`\`${EMBEDDING_PROVIDER_NAMES[0]}\``);
    expect(meaning).toBe(
      EMBEDDING_PROVIDER_NAMES.map(
        (name) => `\`${name}\`: ${EMBEDDING_PROVIDERS[name].summary}.`,
      ).join(' '),
    );
  });

  it('validates QUARRY_EMBEDDING_PROVIDER by its names', () => {
    const names = EMBEDDING_PROVIDER_NAMES.map((name) => `"${name}"`).join('|');
    expect(() => loadConfig({ QUARRY_EMBEDDING_PROVIDER: 'cohere' })).toThrow(
      `QUARRY_EMBEDDING_PROVIDER="cohere": Invalid option: expected one of ${names}`,
    );
    expect(loadConfig({}).embedding.provider).toBe(EMBEDDING_PROVIDER_NAMES[0]);
  });

  it("parses each provider's settings from the environment", () => {
    expect(loadConfig({ QUARRY_EMBEDDING_THREADS: '3' }).embedding).toEqual({
      provider: 'local',
      model: 'bge-small-zh-v1.5',
      threads: 3,
    });
    const openai = loadConfig({
      QUARRY_EMBEDDING_PROVIDER: 'openai',
      QUARRY_EMBEDDING_BASE_URL: 'http://127.0.0.1:11434/v1',
      QUARRY_EMBEDDING_MODEL: 'bge-m3',
      QUARRY_EMBEDDING_DIMENSIONS: '1024',
    }).embedding;
    expect(openai).toEqual({
      provider: 'openai',
      model: 'bge-m3',
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: undefined,
      dimensions: 1024,
      batchSize: 64,
      timeoutMs: 60_000,
    });
    const embedder = createEmbedder(openai, { modelDir: '/nowhere' });
    expect(embedder).toMatchObject({ modelId: 'bge-m3', dimensions: 1024 });
  });

  it("refuses a provider's settings that are missing, naming them", () => {
    const load = () => loadConfig({ QUARRY_EMBEDDING_PROVIDER: 'openai' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      'QUARRY_EMBEDDING_PROVIDER=openai needs QUARRY_EMBEDDING_BASE_URL and QUARRY_EMBEDDING_MODEL',
    );
  });
});
