import type { ChatModel, ChatReply, ChatRequest } from '../../models/chat';
import type { ModelForm } from '../node-kinds';
import type { Usage } from '../types';
import { parseReply, replyJsonSchema } from './replies';

export interface Reasoned<Out> {
  out: Out;
  /** What the model calls cost; absent when no model was asked. */
  usage?: Usage;
}

function usageOf(reply: ChatReply): Usage {
  return { modelCalls: 1, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens };
}

/**
 * A node's model-backed form run on one chat model: its prompt, its reply schema as JSON schema,
 * the reply parsed and checked against that schema, then read into the node's outcome.
 */
export async function askModel<Task, Out, Reply>(
  form: ModelForm<Task, Out, Reply>,
  task: Task,
  model: ChatModel,
  signal?: AbortSignal,
): Promise<Reasoned<Out>> {
  const settled = form.settled?.(task);
  if (settled !== undefined) return { out: settled };
  const request: ChatRequest = {
    system: form.system,
    prompt: form.prompt(task),
    ...(form.maxTokens !== undefined ? { maxTokens: form.maxTokens } : {}),
    ...(signal ? { signal } : {}),
  };
  const schema = replyJsonSchema(form.schema);
  const reply = await model.chat({ ...request, ...(schema ? { schema } : {}) });
  return { out: form.read(parseReply(form.schema, reply.text), task), usage: usageOf(reply) };
}
