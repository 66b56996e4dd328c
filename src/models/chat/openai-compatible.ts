import { providerErrorMessage, retryAfterMs } from '../provider-errors';
import { ModelCallError } from './model-call-error';
import type { ChatModel, ChatReply, ChatRequest } from './types';

export interface OpenAiCompatibleOptions {
  /** e.g. https://api.openai.com/v1, https://api.deepseek.com/v1, http://127.0.0.1:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** `json_schema` where the server supports structured output, `json_object` where it only has JSON mode. */
  jsonMode: 'json_schema' | 'json_object';
}

interface CompletionBody {
  choices?: { message?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/**
 * The `/chat/completions` protocol that OpenAI, DeepSeek, Qwen (DashScope compatible mode), Zhipu
 * GLM, Moonshot, vLLM and Ollama all speak. Plain fetch: one request per call, no client-side
 * retries, because Temporal retries the whole step with backoff and a durable record.
 */
export class OpenAiCompatibleChatModel implements ChatModel {
  readonly id: string;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.id = `openai:${options.model}`;
  }

  async chat(request: ChatRequest): Promise<ChatReply> {
    const body: Record<string, unknown> = {
      model: this.options.model,
      temperature: 0,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.prompt },
      ],
    };
    if (request.maxTokens) body.max_tokens = request.maxTokens;
    if (request.schema) {
      body.response_format =
        this.options.jsonMode === 'json_schema'
          ? { type: 'json_schema', json_schema: { name: 'reply', schema: request.schema } }
          : { type: 'json_object' };
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (request.signal?.aborted) throw err;
      const why = timeout.aborted
        ? `no reply within ${this.options.timeoutMs} ms`
        : `unreachable (${(err as Error).message})`;
      throw new ModelCallError(this.id, why, true);
    }
    const text = await res.text();
    if (!res.ok) {
      throw ModelCallError.fromStatus(
        this.id,
        res.status,
        providerErrorMessage(text),
        retryAfterMs(res.headers),
      );
    }
    let parsed: CompletionBody;
    try {
      parsed = JSON.parse(text) as CompletionBody;
    } catch {
      throw new ModelCallError(this.id, 'reply is not JSON', true, res.status);
    }
    const content = parsed.choices?.[0]?.message?.content;
    if (typeof content !== 'string') {
      throw new ModelCallError(this.id, 'reply has no message content', true, res.status);
    }
    return {
      text: content,
      inputTokens: parsed.usage?.prompt_tokens ?? 0,
      outputTokens: parsed.usage?.completion_tokens ?? 0,
    };
  }
}
