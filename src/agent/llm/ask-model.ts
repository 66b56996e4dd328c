import type { Callbacks } from '@langchain/core/callbacks/manager';
import { askChat, type ChatModel } from '../../models/chat';
import type { ModelForm } from '../node-kinds';
import type { Usage } from '../types';

export interface Reasoned<Out> {
  out: Out;
  /** What the model calls cost; absent when no model was asked. */
  usage?: Usage;
}

/** How a model-backed node's call runs: cancellation, live tokens, tracing callbacks. */
export interface CallContext {
  signal?: AbortSignal;
  onToken?: (text: string) => void;
  callbacks?: Callbacks;
  /** The node's role, a label of the model metrics. */
  role?: string;
}

/**
 * A node's model-backed form run on one chat model: its prompt, fitted to the model's context
 * where one is configured, its reply schema through `withStructuredOutput` (askChat), the reply
 * checked against that schema, then read into the node's outcome. A form that splits its task
 * makes one short call per part, one after another, and joins their outcomes.
 */
export async function askModel<Task, Out, Reply>(
  form: ModelForm<Task, Out, Reply>,
  task: Task,
  model: ChatModel,
  context: CallContext = {},
): Promise<Reasoned<Out>> {
  const settled = form.settled?.(task);
  if (settled !== undefined) return { out: settled };
  const limits = model.contextTokens !== undefined ? { contextTokens: model.contextTokens } : {};
  const parts = form.split && form.combine ? form.split(task, limits) : [task];
  const usage: Usage = { modelCalls: 0, inputTokens: 0, outputTokens: 0 };
  const outs: Out[] = [];
  for (const part of parts) {
    const maxTokens = form.replyTokens?.(part) ?? form.maxTokens;
    const answer = await askChat(model, {
      system: form.system,
      prompt: form.prompt(part, limits),
      schema: form.schema,
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...context,
    });
    outs.push(form.read(answer.value, part));
    usage.modelCalls += answer.calls;
    usage.inputTokens += answer.inputTokens;
    usage.outputTokens += answer.outputTokens;
  }
  const out = parts.length === 1 ? outs[0] : form.combine!(outs);
  return { out, usage };
}
