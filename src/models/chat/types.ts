/** A JSON Schema object, as chat providers and node-llama-cpp's grammar builder accept it. */
export type JsonSchema = Record<string, unknown>;

export interface ChatRequest {
  system: string;
  prompt: string;
  /** When set, the reply must be JSON matching it (enforced by the provider where it can be). */
  schema?: JsonSchema;
  maxTokens?: number;
  /** Aborts the call in flight: an activity's cancellation reaches the model this way. */
  signal?: AbortSignal;
}

export interface ChatReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

/** One chat model, stateless between calls (each call may run on a different worker). */
export interface ChatModel {
  /** `provider:model`, as configured; shown in usage and errors. */
  readonly id: string;
  chat(request: ChatRequest): Promise<ChatReply>;
}
