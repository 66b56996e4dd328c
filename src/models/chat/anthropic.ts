import { ChatAnthropic } from '@langchain/anthropic';
import type { CallShape, HostedChatOptions } from './types';

export type AnthropicOptions = HostedChatOptions;

/**
 * Claude through LangChain's Anthropic package (the messages API). The SDK's own retries are off:
 * Temporal retries the step, honouring `retry-after`, and a rejected request fails it at once.
 */
export function anthropicChatModel(
  options: AnthropicOptions,
  shape: CallShape = {},
): ChatAnthropic {
  return new ChatAnthropic({
    model: options.model,
    apiKey: options.apiKey ?? 'none',
    anthropicApiUrl: options.baseUrl,
    temperature: 0,
    maxTokens: shape.maxTokens ?? options.maxTokens,
    maxRetries: 0,
    // `streaming` stays unset: true would estimate usage with tiktoken (downloaded at run time),
    // false would forbid streaming; a call streams when a token listener asks (ask-chat.ts).
    clientOptions: {
      timeout: options.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
}
