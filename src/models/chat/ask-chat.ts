import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Callbacks } from '@langchain/core/callbacks/manager';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import { z } from 'zod';
import { modelCalls, modelLabels, modelTokens } from '../../metrics/registry';
import { callTimer } from './call-timer';
import { withInheritedCallbacks } from './inherited-callbacks';
import { parseJsonReply } from './json-reply';
import { toModelJsonSchema } from './json-schema';
import { textOf } from './llama-cpp';
import { toModelCallError } from './model-call-error';
import type { ChatModel } from './types';

export interface ChatAsk<R> {
  system: string;
  prompt: string;
  /** The reply's shape: `z.string()` for plain text, an object schema for a structured reply. */
  schema: z.ZodType<R>;
  maxTokens?: number;
  /** The activity's cancellation: aborts the request in flight. */
  signal?: AbortSignal;
  /** Gets the reply's text as it is decoded (the call streams when set). */
  onToken?: (text: string) => void;
  /** LangChain callbacks for the call, besides those inherited from the graph node it runs in. */
  callbacks?: Callbacks;
  /** Who asks (an agent role, `planner`, `writer`): a label of the model metrics. */
  role?: string;
}

export interface ChatAnswer<R> {
  /** The reply, checked against the schema; `undefined` when even the repair did not match. */
  value: R | undefined;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

interface Attempt<R> {
  value: R | undefined;
  text: string;
  problem?: string;
}

interface StructuredReply {
  raw: BaseMessage;
  parsed: unknown;
}

/**
 * Hands each token to a listener. `lc_prefer_streaming` makes LangChain stream the call through the
 * provider's streaming protocol (as LangGraph's "messages" stream does), with usage from the stream
 * itself: ChatOpenAI's own `streaming: true` would estimate usage with tiktoken, whose encodings it
 * downloads at run time.
 */
class TokenListener extends BaseCallbackHandler {
  name = 'quarry-token-listener';
  lc_prefer_streaming = true;

  constructor(private readonly onToken: (text: string) => void) {
    super();
  }

  override handleLLMNewToken(token: string): void {
    if (token) this.onToken(token);
  }
}

const instructions = (schema: z.ZodType): string =>
  `Reply with one JSON object matching this JSON schema and nothing else: ${JSON.stringify(toModelJsonSchema(schema))}`;

/** Why a value does not match, in a line the model can act on. */
function problemOf(schema: z.ZodType, value: unknown): string | undefined {
  const checked = schema.safeParse(value);
  if (checked.success) return undefined;
  return checked.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`)
    .join('; ');
}

/**
 * One question to a chat model, the LangChain way: a structured reply through
 * `withStructuredOutput(schema)` with the provider's own mechanism (strict json_schema, JSON mode,
 * tool calling, or a grammar for GGUF), then a checked fallback: the raw text is parsed and
 * validated against the same zod schema, and a reply that still does not match gets one repair
 * request naming what was wrong. Calls and tokens are counted into /metrics.
 */
export async function askChat<R>(chat: ChatModel, ask: ChatAsk<R>): Promise<ChatAnswer<R>> {
  const labels = { ...modelLabels(chat.id), role: ask.role ?? 'other' };
  const total: ChatAnswer<R> = { value: undefined, calls: 0, inputTokens: 0, outputTokens: 0 };
  const structured = !(ask.schema instanceof z.ZodString);
  const native = structured && chat.jsonMode !== 'prompt';
  const system =
    structured && (chat.jsonMode === 'prompt' || chat.jsonMode === 'json_object')
      ? `${ask.system}\n${instructions(ask.schema)}`
      : ask.system;
  const model = chat.langchain({
    ...(ask.maxTokens !== undefined ? { maxTokens: ask.maxTokens } : {}),
    streaming: Boolean(ask.onToken),
  });
  const callbacks = withInheritedCallbacks([
    ...(Array.isArray(ask.callbacks) ? ask.callbacks : []),
    ...(ask.onToken ? [new TokenListener(ask.onToken)] : []),
  ]);
  const config = {
    ...(callbacks ? { callbacks } : {}),
    ...(ask.signal ? { signal: ask.signal } : {}),
  };
  const timed = callTimer(labels);

  const count = (raw: BaseMessage): void => {
    const usage = (raw as AIMessage).usage_metadata;
    total.calls++;
    total.inputTokens += usage?.input_tokens ?? 0;
    total.outputTokens += usage?.output_tokens ?? 0;
    modelCalls.inc({ ...labels, outcome: 'ok' });
    modelTokens.inc({ ...labels, direction: 'input' }, usage?.input_tokens ?? 0);
    modelTokens.inc({ ...labels, direction: 'output' }, usage?.output_tokens ?? 0);
  };

  const checked = (text: string, parsed?: unknown): Attempt<R> => {
    // The native mechanism's parse first, then the reply's own text, both against the schema.
    for (const candidate of [parsed, structured ? parseJsonReply(text) : text]) {
      if (candidate === undefined || candidate === null) continue;
      const result = ask.schema.safeParse(candidate);
      if (result.success) return { value: result.data, text };
    }
    const problem = structured
      ? (problemOf(ask.schema, parseJsonReply(text)) ?? 'no JSON object')
      : 'empty reply';
    return { value: undefined, text, problem };
  };

  const attempt = async (messages: BaseMessage[]): Promise<Attempt<R>> => {
    if (native) {
      // json_schema gets the schema as JSON: given zod, ChatOpenAI parses through the OpenAI SDK,
      // which throws on a malformed reply instead of leaving it to the checked fallback.
      const schema =
        chat.jsonMode === 'json_schema'
          ? toModelJsonSchema(ask.schema)
          : (ask.schema as z.ZodType<Record<string, unknown>>);
      const runnable = model.withStructuredOutput(schema, {
        name: 'reply',
        includeRaw: true,
        ...(chat.jsonMode === 'json_schema' ? { method: 'jsonSchema', strict: true } : {}),
        ...(chat.jsonMode === 'json_object' ? { method: 'jsonMode' } : {}),
        ...(chat.jsonMode === 'tool_calling' || chat.jsonMode === 'grammar'
          ? { method: 'functionCalling' }
          : {}),
      }) as Runnable<BaseMessage[], StructuredReply>;
      let reply: StructuredReply;
      try {
        reply = await timed(() => runnable.invoke(messages, config));
      } catch (err) {
        // The OpenAI SDK parses json_schema replies itself and throws on one that is not JSON.
        if (!(err instanceof SyntaxError)) throw err;
        total.calls++;
        modelCalls.inc({ ...labels, outcome: 'ok' });
        return { value: undefined, text: '', problem: 'the reply was not JSON' };
      }
      count(reply.raw);
      const toolArgs = (reply.raw as AIMessage).tool_calls?.[0]?.args;
      const text = textOf(reply.raw) || (toolArgs ? JSON.stringify(toolArgs) : '');
      return checked(text, reply.parsed);
    }
    const reply = await timed(() => model.invoke(messages, config));
    count(reply);
    return checked(textOf(reply));
  };

  const messages = [new SystemMessage(system), new HumanMessage(ask.prompt)];
  try {
    let result = await attempt(messages);
    if (result.value === undefined && structured) {
      result = await attempt([
        ...messages,
        new AIMessage(result.text || '(no JSON)'),
        new HumanMessage(
          `That reply does not match the required JSON schema (${result.problem}). Reply again with only the corrected JSON object.`,
        ),
      ]);
    }
    total.value = result.value;
    return total;
  } catch (err) {
    modelCalls.inc({ ...labels, outcome: 'error' });
    if (ask.signal?.aborted) throw err;
    throw toModelCallError(chat.id, err);
  }
}
