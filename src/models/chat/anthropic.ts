import { ChatAnthropic } from '@langchain/anthropic';
import type { ProviderSettings } from '../../config/chat-providers-env';
import type { CallShape } from './types';

export interface AnthropicOptions extends ProviderSettings {
  model: string;
  timeoutMs: number;
  maxTokens: number;
  /** Tests record requests through it; production uses the global fetch. */
  fetch?: typeof fetch;
}

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
