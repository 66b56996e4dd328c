import { createEmbedder, type EmbeddingSettings } from './embeddings';
import { KnowledgeStoreError } from './store/errors';
import type { Embedder } from './types';

/**
 * 409: the knowledge base is indexed with a model this process is not configured for. Retrying
 * cannot help (the API answers 409; activities fail without retries).
 */
export class EmbeddingModelNotConfiguredError extends KnowledgeStoreError {
  override readonly status = 409;
  constructor(
    readonly modelId: string,
    readonly configured: string,
  ) {
    super(
      `this knowledge base is indexed with ${modelId}, but Quarry is configured for ${configured}; ` +
        'configure that model (QUARRY_EMBEDDING_*) or re-index the knowledge base',
    );
    this.name = 'EmbeddingModelNotConfiguredError';
  }
}

/**
 * The embedders this process can run, created once (an ONNX session is expensive). A knowledge base
 * names its model; asking for any other model than the configured one is an error, never a fallback.
 */
export class EmbedderRegistry {
  private instance?: Embedder;

  constructor(
    private readonly settings: EmbeddingSettings,
    private readonly modelDir: string,
  ) {}

  get defaultModel(): string {
    return this.settings.model;
  }

  default(): Embedder {
    this.instance ??= createEmbedder(this.settings, { modelDir: this.modelDir });
    return this.instance;
  }

  forModel(modelId: string): Embedder {
    if (modelId !== this.settings.model) {
      throw new EmbeddingModelNotConfiguredError(modelId, this.settings.model);
    }
    return this.default();
  }
}
