import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatConfig } from '../../config/config';
import { anthropicChatModel } from './anthropic';
import { LlamaCppChatModel } from './llama-cpp';
import { LlamaRuntime } from './llama-runtime';
import { openAiCompatibleChatModel } from './openai-compatible';
import { chatProvider, splitSpec, type ProviderFamily } from './providers';
import type { CallShape, ChatModel, HostedChatOptions } from './types';

/** What a family needs to build its LangChain model for one call shape. */
interface FamilyContext {
  model: string;
  settings: ChatConfig['providers'][string] | undefined;
  config: ChatConfig;
  runtime: () => LlamaRuntime;
  fetch?: typeof fetch;
}

/** A hosted provider's model as this call's settings describe it. */
function hostedOptions(ctx: FamilyContext): HostedChatOptions {
  return {
    ...ctx.settings!,
    model: ctx.model,
    timeoutMs: ctx.config.timeoutMs,
    maxTokens: ctx.config.maxTokens,
    fetch: ctx.fetch,
  };
}

/** How each protocol family becomes a LangChain chat model; providers.ts says who speaks which. */
const FAMILIES: Record<ProviderFamily, (ctx: FamilyContext, shape: CallShape) => BaseChatModel> = {
  openai: (ctx, shape) => openAiCompatibleChatModel(hostedOptions(ctx), shape),
  anthropic: (ctx, shape) => anthropicChatModel(hostedOptions(ctx), shape),
  gguf: (ctx, shape) =>
    new LlamaCppChatModel({
      runtime: ctx.runtime(),
      maxTokens: shape.maxTokens ?? ctx.config.maxTokens,
      streaming: shape.streaming ?? false,
    }),
};

/**
 * Chat models by spec, one per spec per process; roles that name the same GGUF file share one
 * loaded copy. `extractive` is not a chat model (undefined): the agent answers without one.
 */
export class ChatModelFactory {
  private readonly models = new Map<string, ChatModel>();
  private readonly runtimes = new Map<string, LlamaRuntime>();

  constructor(
    private readonly config: ChatConfig,
    /** The GGUF file `gguf` alone means: the provisioned test model. */
    private readonly defaultGgufPath: string,
    /** Tests record the requests a provider would send through it. */
    private readonly fetchImpl?: typeof fetch,
  ) {}

  forSpec(spec: string): ChatModel | undefined {
    if (spec === 'extractive') return undefined;
    let model = this.models.get(spec);
    if (!model) {
      model = this.create(spec);
      this.models.set(spec, model);
    }
    return model;
  }

  async close(): Promise<void> {
    for (const runtime of this.runtimes.values()) await runtime.close();
    this.runtimes.clear();
    this.models.clear();
  }

  private create(spec: string): ChatModel {
    const { provider: name, model } = splitSpec(spec);
    const provider = chatProvider(name);
    if (!provider) throw new Error(`unknown model provider in ${spec}`);
    const modelPath = model || this.defaultGgufPath;
    const ctx: FamilyContext = {
      model,
      settings: this.config.providers[name],
      config: this.config,
      runtime: () => this.runtime(modelPath),
      ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}),
    };
    const shapes = new Map<string, BaseChatModel>();
    const contextTokens =
      provider.family === 'gguf' ? this.config.gguf.contextSize : this.config.contextTokens;
    return {
      id: provider.family === 'gguf' ? `gguf:${modelPath}` : spec,
      jsonMode: ctx.settings?.jsonMode ?? provider.jsonMode,
      ...(contextTokens !== undefined ? { contextTokens } : {}),
      langchain: (shape = {}) => {
        const key = `${shape.maxTokens ?? ''}/${shape.streaming ?? false}`;
        let built = shapes.get(key);
        if (!built) {
          built = FAMILIES[provider.family](ctx, shape);
          shapes.set(key, built);
        }
        return built;
      },
    };
  }

  private runtime(modelPath: string): LlamaRuntime {
    let runtime = this.runtimes.get(modelPath);
    if (!runtime) {
      const { contextSize, threads } = this.config.gguf;
      runtime = new LlamaRuntime({ modelPath, contextSize, threads: threads ?? 2 });
      this.runtimes.set(modelPath, runtime);
    }
    return runtime;
  }
}
