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
 * A node's model-backed form run on one chat model: its prompt, its reply schema through
 * `withStructuredOutput` (askChat), the reply checked against that schema, then read into the
 * node's outcome.
 */
export async function askModel<Task, Out, Reply>(
  form: ModelForm<Task, Out, Reply>,
  task: Task,
  model: ChatModel,
  context: CallContext = {},
): Promise<Reasoned<Out>> {
  const settled = form.settled?.(task);
  if (settled !== undefined) return { out: settled };
  const answer = await askChat(model, {
    system: form.system,
    prompt: form.prompt(task),
    schema: form.schema,
    ...(form.maxTokens !== undefined ? { maxTokens: form.maxTokens } : {}),
    ...context,
  });
  return {
    out: form.read(answer.value, task),
    usage: {
      modelCalls: answer.calls,
      inputTokens: answer.inputTokens,
      outputTokens: answer.outputTokens,
    },
  };
}
