export { ChatModelFactory } from './chat-model-factory';
export { ModelCallError } from './model-call-error';
export { retryAfterMs } from '../provider-errors';
export { OpenAiCompatibleChatModel } from './openai-compatible';
export { LlamaCppChatModel } from './llama-cpp';
export type { ChatModel, ChatReply, ChatRequest, JsonSchema } from './types';
