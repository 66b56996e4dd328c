import { ChatOpenAI } from '@langchain/openai';
import type { CallShape, HostedChatOptions } from './types';

export type OpenAiCompatibleOptions = HostedChatOptions;

/**
 * The `/chat/completions` protocol that OpenAI, Gemini's compatible endpoint, Qianfan v2, Spark,
 * DashScope, Zhipu, Baichuan, DeepSeek, Moonshot, vLLM, Ollama and llama.cpp's server speak,
 * through LangChain's ChatOpenAI. Client retries are off: Temporal retries the whole step with
 * backoff and a durable record, honouring `retry-after`.
 */
export function openAiCompatibleChatModel(
  options: OpenAiCompatibleOptions,
  shape: CallShape = {},
): ChatOpenAI {
  return new ChatOpenAI({
    model: options.model,
    // The SDK refuses to start without a key; local servers (Ollama, vLLM) ignore it.
    apiKey: options.apiKey ?? 'none',
    temperature: 0,
    maxTokens: shape.maxTokens ?? options.maxTokens,
    maxRetries: 0,
    timeout: options.timeoutMs,
    // `streaming` stays unset: true would estimate usage with tiktoken (downloaded at run time),
    // false would forbid streaming; a call streams when a token listener asks (ask-chat.ts).
    // Usage arrives in the last chunk of a stream only when asked for.
    streamUsage: true,
    configuration: {
      baseURL: options.baseUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
}
