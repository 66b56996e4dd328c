export { retryAfterMs } from '../provider-errors';
export { askChat, type ChatAnswer, type ChatAsk } from './ask-chat';
export { ChatModelFactory } from './chat-model-factory';
export { LlamaCppChatModel } from './llama-cpp';
export { ModelCallError, toModelCallError } from './model-call-error';
export { CHAT_PROVIDERS, chatProvider, type ChatProvider, type JsonMode } from './providers';
export type { CallShape, ChatModel, JsonSchema } from './types';
