import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { JsonMode } from './providers';
import type { ProviderSettings } from '../../config/chat-providers-env';

/** A JSON Schema object, as chat providers and node-llama-cpp's grammar builder accept it. */
export type JsonSchema = Record<string, unknown>;

/** How one LangChain chat model instance is tuned for a call. */
export interface CallShape {
  /** The reply budget; the configured default when absent. */
  maxTokens?: number;
  /** Stream the reply, so token callbacks see it as it is written. */
  streaming?: boolean;
}

/**
 * One configured chat model: a LangChain `BaseChatModel` per call shape (same endpoint, same
 * weights), and how that provider gives structured replies. Stateless between calls: each call may
 * run on a different worker.
 */
export interface ChatModel {
  /** `provider:model`, as configured; shown in usage, metrics and errors. */
  readonly id: string;
  readonly jsonMode: JsonMode;
  /** The context window as configured, in tokens; prompts are fitted to it. Unknown: absent. */
  readonly contextTokens?: number;
  langchain(shape?: CallShape): BaseChatModel;
}

/** What a hosted provider's chat model is built from (OpenAI protocol or Anthropic's). */
export interface HostedChatOptions extends ProviderSettings {
  model: string;
  timeoutMs: number;
  maxTokens: number;
  /** Tests record requests through it; production uses the global fetch. */
  fetch?: typeof fetch;
}
