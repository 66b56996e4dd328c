import type { ChatConfig } from '../../config/config';
import { modelCalls, modelLabels, modelTokens } from '../../metrics/registry';
import { AnthropicChatModel } from './anthropic';
import { LlamaCppChatModel } from './llama-cpp';
import { OpenAiCompatibleChatModel } from './openai-compatible';
import type { ChatModel } from './types';

interface MeteredChatModel extends ChatModel {
  inner: ChatModel;
}

/** Counts every call and its tokens into /metrics, by provider and model. */
function metered(inner: ChatModel): MeteredChatModel {
  const labels = modelLabels(inner.id);
  return {
    id: inner.id,
    inner,
    async chat(request) {
      try {
        const reply = await inner.chat(request);
        modelCalls.inc({ ...labels, outcome: 'ok' });
        modelTokens.inc({ ...labels, direction: 'input' }, reply.inputTokens);
        modelTokens.inc({ ...labels, direction: 'output' }, reply.outputTokens);
        return reply;
      } catch (err) {
        modelCalls.inc({ ...labels, outcome: 'error' });
        throw err;
      }
    },
  };
}

/**
 * Chat models by spec, one instance per spec per process: roles that name the same GGUF file share
 * one loaded copy. `extractive` is not a chat model (undefined): the agent answers without one.
 */
export class ChatModelFactory {
  private readonly models = new Map<string, MeteredChatModel>();

  constructor(
    private readonly config: ChatConfig,
    /** The GGUF file `gguf` alone means: the provisioned test model. */
    private readonly defaultGgufPath: string,
  ) {}

  forSpec(spec: string): ChatModel | undefined {
    if (spec === 'extractive') return undefined;
    let model = this.models.get(spec);
    if (!model) {
      model = metered(this.create(spec));
      this.models.set(spec, model);
    }
    return model;
  }

  async close(): Promise<void> {
    for (const model of this.models.values()) {
      if (model.inner instanceof LlamaCppChatModel) await model.inner.close();
    }
    this.models.clear();
  }

  private create(spec: string): ChatModel {
    const colon = spec.indexOf(':');
    const provider = colon < 0 ? spec : spec.slice(0, colon);
    const name = colon < 0 ? '' : spec.slice(colon + 1);
    const { timeoutMs, maxTokens } = this.config;
    switch (provider) {
      case 'openai':
        return new OpenAiCompatibleChatModel({ ...this.config.openai, model: name, timeoutMs });
      case 'anthropic':
        return new AnthropicChatModel({
          ...this.config.anthropic,
          model: name,
          timeoutMs,
          maxTokens,
        });
      case 'gguf':
        return new LlamaCppChatModel({
          modelPath: name || this.defaultGgufPath,
          contextSize: this.config.gguf.contextSize,
          threads: this.config.gguf.threads ?? 2,
          maxTokens,
        });
      default:
        throw new Error(`unknown model provider in ${spec}`);
    }
  }
}
