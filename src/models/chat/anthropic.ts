import { ChatAnthropic } from '@langchain/anthropic';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { retryAfterMs } from '../provider-errors';
import { ModelCallError } from './model-call-error';
import type { ChatModel, ChatReply, ChatRequest } from './types';

export interface AnthropicOptions {
  model: string;
  apiKey?: string;
  /** For a proxy or gateway; Anthropic's own API by default. */
  baseUrl?: string;
  timeoutMs: number;
  maxTokens: number;
}

/**
 * Claude through LangChain's Anthropic package. The SDK's own retries are off: Temporal retries
 * the step, honouring `retry-after`, and a rejected request fails it at once.
 */
export class AnthropicChatModel implements ChatModel {
  readonly id: string;
  private readonly client: ChatAnthropic;

  constructor(options: AnthropicOptions) {
    this.id = `anthropic:${options.model}`;
    this.client = new ChatAnthropic({
      model: options.model,
      apiKey: options.apiKey,
      anthropicApiUrl: options.baseUrl,
      temperature: 0,
      maxTokens: options.maxTokens,
      maxRetries: 0,
      clientOptions: { timeout: options.timeoutMs },
    });
  }

  async chat(request: ChatRequest): Promise<ChatReply> {
    // Claude has no response-format switch here: the schema goes into the instructions, and the
    // engine's parser takes the first JSON object of the reply.
    const system = request.schema
      ? `${request.system}\nReply with one JSON object matching this schema and nothing else: ${JSON.stringify(request.schema)}`
      : request.system;
    try {
      const reply = await this.client.invoke(
        [new SystemMessage(system), new HumanMessage(request.prompt)],
        { signal: request.signal, ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}) },
      );
      const text =
        typeof reply.content === 'string'
          ? reply.content
          : reply.content.map((part) => ('text' in part ? String(part.text) : '')).join('');
      return {
        text,
        inputTokens: reply.usage_metadata?.input_tokens ?? 0,
        outputTokens: reply.usage_metadata?.output_tokens ?? 0,
      };
    } catch (err) {
      if (request.signal?.aborted) throw err;
      throw toModelCallError(this.id, err);
    }
  }
}

function toModelCallError(id: string, err: unknown): ModelCallError {
  const e = err as { status?: unknown; headers?: unknown; message?: string };
  if (typeof e.status === 'number') {
    const headers = e.headers instanceof Headers ? e.headers : new Headers();
    return ModelCallError.fromStatus(id, e.status, e.message ?? '', retryAfterMs(headers));
  }
  return new ModelCallError(id, e.message ?? String(err), true);
}
