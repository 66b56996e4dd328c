export { ChatModelFactory } from './chat-model-factory';
export { ModelCallError, retryAfterMs } from './model-call-error';
export { OpenAiCompatibleChatModel } from './openai-compatible';
export { LlamaCppChatModel } from './llama-cpp';
export type { ChatModel, ChatReply, ChatRequest, JsonSchema } from './types';
