import { EMBEDDING_MODEL } from '../../stack/provision/tool-specs';
import type { Embedder } from '../types';
import {
  CachedQueryEmbedder,
  QUERY_CACHE_SIZE,
  type ClosableEmbedder,
} from './cached-query-embedder';
import { OnnxBgeEmbedder } from './onnx/onnx-bge-embedder';
import {
  OpenAiCompatibleEmbedder,
  type OpenAiCompatibleEmbedderOptions,
} from './openai/openai-compatible-embedder';

/** The validated QUARRY_EMBEDDING_* variables (config.schema.ts) a provider builds its settings from. */
export interface EmbeddingEnv {
  QUARRY_EMBEDDING_MODEL?: string;
  QUARRY_EMBEDDING_BASE_URL?: string;
  QUARRY_EMBEDDING_API_KEY?: string;
  QUARRY_EMBEDDING_DIMENSIONS?: number;
  QUARRY_EMBEDDING_THREADS?: number;
  QUARRY_EMBEDDING_BATCH_SIZE?: number;
  QUARRY_EMBEDDING_TIMEOUT_MS?: number;
}

/** Files a provider may need that configuration names only indirectly (the model cache). */
export interface EmbedderAssets {
  modelDir: string;
}

interface EmbeddingProvider<S extends { model: string }> {
  /** Its line in the README's QUARRY_EMBEDDING_PROVIDER row (checked by a unit test). */
  summary: string;
  /** Its settings from the environment, or what is missing. */
  settings(env: EmbeddingEnv): S | { problem: string };
  create(settings: S, assets: EmbedderAssets): Embedder;
}

const provider = <S extends { model: string }>(row: EmbeddingProvider<S>) => row;

/**
 * Every embedder Quarry can run, once: the names are QUARRY_EMBEDDING_PROVIDER's values, each row
 * turns the environment into its settings (QuarryConfig['embedding']) and its settings into an
 * embedder. A new embedder is a row here and its class. The first row is the default.
 */
export const EMBEDDING_PROVIDERS = {
  local: provider({
    summary: `${EMBEDDING_MODEL} on ONNX`,
    settings: (env) => ({ model: EMBEDDING_MODEL, threads: env.QUARRY_EMBEDDING_THREADS }),
    create: (s, assets) => new OnnxBgeEmbedder({ modelDir: assets.modelDir, threads: s.threads }),
  }),
  openai: provider<OpenAiCompatibleEmbedderOptions>({
    summary: 'an OpenAI-compatible `/embeddings` endpoint',
    settings: (env) =>
      env.QUARRY_EMBEDDING_BASE_URL && env.QUARRY_EMBEDDING_MODEL
        ? {
            model: env.QUARRY_EMBEDDING_MODEL,
            baseUrl: env.QUARRY_EMBEDDING_BASE_URL,
            apiKey: env.QUARRY_EMBEDDING_API_KEY,
            dimensions: env.QUARRY_EMBEDDING_DIMENSIONS,
            batchSize: env.QUARRY_EMBEDDING_BATCH_SIZE,
            timeoutMs: env.QUARRY_EMBEDDING_TIMEOUT_MS,
          }
        : {
            problem:
              'QUARRY_EMBEDDING_PROVIDER=openai needs QUARRY_EMBEDDING_BASE_URL and QUARRY_EMBEDDING_MODEL',
          },
    create: (s) => new OpenAiCompatibleEmbedder(s),
  }),
};

export type EmbeddingProviderName = keyof typeof EMBEDDING_PROVIDERS;
export const EMBEDDING_PROVIDER_NAMES = Object.keys(EMBEDDING_PROVIDERS) as [
  EmbeddingProviderName,
  ...EmbeddingProviderName[],
];

type SettingsOf<K extends EmbeddingProviderName> = Exclude<
  ReturnType<(typeof EMBEDDING_PROVIDERS)[K]['settings']>,
  { problem: string }
>;

/** What QUARRY_EMBEDDING_* configure: the provider's name and its settings, `model` always. */
export type EmbeddingSettings = {
  [K in EmbeddingProviderName]: { provider: K } & SettingsOf<K>;
}[EmbeddingProviderName];

/** The settings of the named provider, or why they cannot be made. */
export function embeddingSettings(
  name: EmbeddingProviderName,
  env: EmbeddingEnv,
): EmbeddingSettings | { problem: string } {
  const settings = EMBEDDING_PROVIDERS[name].settings(env);
  return 'problem' in settings ? settings : ({ provider: name, ...settings } as EmbeddingSettings);
}

/** The configured embedder, with query vectors cached (the last 1000 distinct queries). */
export function createEmbedder(
  settings: EmbeddingSettings,
  assets: EmbedderAssets,
): ClosableEmbedder {
  // The table's rows differ in their settings type; `settings.provider` names the matching row.
  const row = EMBEDDING_PROVIDERS[settings.provider] as EmbeddingProvider<EmbeddingSettings>;
  return new CachedQueryEmbedder(row.create(settings, assets), QUERY_CACHE_SIZE);
}
