import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { ChatModel, JsonMode } from '../../src/models/chat';

/** What one call showed the model. */
export interface SeenCall {
  system: string;
  prompt: string;
  messages: BaseMessage[];
  signal?: AbortSignal;
  maxTokens?: number;
}

const text = (m: BaseMessage): string => (typeof m.content === 'string' ? m.content : '');

/**
 * A LangChain chat model that replies from a script and fails loudly when it runs out: a fake for
 * unit tests of nodes and activities, never for the service. Replies stream word by word to token
 * callbacks when asked to stream.
 */
class ScriptedModel extends BaseChatModel {
  constructor(
    private readonly next: () => string | undefined,
    private readonly seen: SeenCall[],
    private readonly usage: { input: number; output: number },
    private readonly maxTokens?: number,
    private readonly streaming = false,
  ) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    this.seen.push({
      system: messages
        .filter((m) => m.getType() === 'system')
        .map(text)
        .join('\n'),
      prompt: text(messages.filter((m) => m.getType() === 'human').at(-1)!),
      messages,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(this.maxTokens !== undefined ? { maxTokens: this.maxTokens } : {}),
    });
    const reply = this.next();
    if (reply === undefined) throw new Error('the model script ran out');
    if (this.streaming && runManager)
      for (const piece of reply.split(/(?<= )/)) await runManager.handleLLMNewToken(piece);
    const message = new AIMessageChunk({
      content: reply,
      usage_metadata: {
        input_tokens: this.usage.input,
        output_tokens: this.usage.output,
        total_tokens: this.usage.input + this.usage.output,
      },
    });
    return { generations: [{ text: reply, message }] };
  }
}

export function scriptedChat(
  replies: string[],
  options: {
    id?: string;
    jsonMode?: JsonMode;
    input?: number;
    output?: number;
    /** The model's context window: prompts are fitted to it. */
    contextTokens?: number;
  } = {},
): ChatModel & { seen: SeenCall[] } {
  const seen: SeenCall[] = [];
  const usage = { input: options.input ?? 10, output: options.output ?? 5 };
  return {
    id: options.id ?? 'test:scripted',
    jsonMode: options.jsonMode ?? 'prompt',
    ...(options.contextTokens !== undefined ? { contextTokens: options.contextTokens } : {}),
    seen,
    langchain: (shape = {}) =>
      new ScriptedModel(() => replies.shift(), seen, usage, shape.maxTokens, shape.streaming),
  };
}

/** A model that gives the same reply to every call. */
export function constantChat(
  reply: string,
  id = 'test:constant',
  seen: SeenCall[] = [],
): ChatModel & { seen: SeenCall[] } {
  return {
    id,
    jsonMode: 'prompt',
    seen,
    langchain: (shape = {}) =>
      new ScriptedModel(() => reply, seen, { input: 10, output: 5 }, shape.maxTokens),
  };
}
