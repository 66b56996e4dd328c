import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { parseJsonReply } from './json-reply';
import { withoutNoise } from './json-schema';
import type { LlamaRuntime } from './llama-runtime';
import type { JsonSchema } from './types';

interface GrammarTool {
  name: string;
  parameters: JsonSchema;
}

export interface LlamaCppCallOptions extends BaseChatModelCallOptions {
  /** Bound by `bindTools`: the reply is decoded as the first tool's arguments. */
  tools?: GrammarTool[];
}

export interface LlamaCppChatModelFields extends BaseChatModelParams {
  runtime: LlamaRuntime;
  maxTokens: number;
  /** Report each decoded piece through the callbacks (LangGraph's "messages" stream, token events). */
  streaming?: boolean;
}

/** Message text, whatever shape its content has. */
export function textOf(message: BaseMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? String(part.text) : '')).join('');
}

/**
 * A LangChain chat model over a GGUF file run by node-llama-cpp in a worker thread. Structured
 * output is tool calling the model cannot get wrong: a bound tool's parameters become a grammar,
 * and the decoded JSON comes back as that tool's call, so `withStructuredOutput(zodSchema)` works
 * unchanged and the reply is checked by the same zod schema.
 */
export class LlamaCppChatModel extends BaseChatModel<LlamaCppCallOptions> {
  private readonly runtime: LlamaRuntime;
  private readonly maxTokens: number;
  private readonly streaming: boolean;

  constructor(fields: LlamaCppChatModelFields) {
    super(fields);
    this.runtime = fields.runtime;
    this.maxTokens = fields.maxTokens;
    this.streaming = fields.streaming ?? false;
  }

  static override lc_name(): string {
    return 'LlamaCppChatModel';
  }

  _llmType(): string {
    return 'llama-cpp';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<LlamaCppCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, LlamaCppCallOptions> {
    const grammarTools = tools.map((tool) => {
      const { function: fn } = convertToOpenAITool(tool);
      return { name: fn.name, parameters: withoutNoise(fn.parameters ?? {}) };
    });
    return this.withConfig({ ...kwargs, tools: grammarTools });
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const system = messages
      .filter((m) => m.getType() === 'system')
      .map(textOf)
      .join('\n');
    const turns = messages.filter((m) => m.getType() !== 'system');
    // One session per call: a single human turn is the prompt; a longer exchange (a repair
    // request) is written out so the model sees its previous reply.
    const prompt =
      turns.length === 1
        ? textOf(turns[0])
        : turns
            .map((m) => `${m.getType() === 'ai' ? 'Assistant' : 'User'}: ${textOf(m)}`)
            .join('\n\n');
    const tool = options.tools?.[0];
    const reply = await this.runtime.chat({
      system,
      prompt,
      maxTokens: this.maxTokens,
      ...(tool ? { schema: tool.parameters } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(this.streaming && runManager
        ? { onToken: (text: string) => void runManager.handleLLMNewToken(text) }
        : {}),
    });
    const usage_metadata = {
      input_tokens: reply.inputTokens,
      output_tokens: reply.outputTokens,
      total_tokens: reply.inputTokens + reply.outputTokens,
    };
    const args = tool ? parseJsonReply(reply.text) : undefined;
    const message =
      tool && args && typeof args === 'object' && !Array.isArray(args)
        ? new AIMessageChunk({
            content: reply.text,
            tool_calls: [
              {
                name: tool.name,
                args: args as Record<string, unknown>,
                id: 'grammar',
                type: 'tool_call',
              },
            ],
            usage_metadata,
          })
        : new AIMessageChunk({ content: reply.text, usage_metadata });
    return {
      generations: [{ text: reply.text, message }],
      llmOutput: {
        tokenUsage: {
          promptTokens: reply.inputTokens,
          completionTokens: reply.outputTokens,
          totalTokens: usage_metadata.total_tokens,
        },
      },
    };
  }
}
