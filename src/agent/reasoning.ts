import type { ModelRole } from '../config/config';
import type { ChatModel, ChatModelFactory } from '../models/chat';
import { DEFAULT_EXTRACTIVE_OPTIONS } from './extractive/options';
import { askModel, type Reasoned } from './llm/ask-model';
import type { ModelBackedNode, OfflineTools } from './node-kinds';
import { inOfflineModelSpan } from '../tracing/offline-model-span';

/** Who reasons for the model-backed nodes during one step. */
export interface Reasoning {
  /** The chat model a role uses; `undefined` where the role is `extractive` (offline). */
  modelFor(role: ModelRole): ChatModel | undefined;
  offline: OfflineTools;
  /** The activity's cancellation: cancelling the task stops the model call in flight. */
  signal?: AbortSignal;
  /** Gets the reply's text as the model writes it (the step's node streams its answer). */
  onToken?: (text: string) => void;
}

/** A model per role as configured, e.g. a small local grader next to a large hosted writer. */
export function reasoningByRole(
  roles: Record<ModelRole, string>,
  models: ChatModelFactory,
  offline: OfflineTools,
  signal?: AbortSignal,
): Reasoning {
  return {
    modelFor: (role) => models.forSpec(roles[role]),
    offline,
    ...(signal ? { signal } : {}),
  };
}

/** Every role offline: the extractive engine, no model at all. */
export function offlineReasoning(offline: Partial<OfflineTools> = {}): Reasoning {
  return {
    modelFor: () => undefined,
    offline: { options: DEFAULT_EXTRACTIVE_OPTIONS, ...offline },
  };
}

/** Runs a node's reasoning in the form its role is configured for. */
export async function reason<Task, Out, Reply>(
  node: ModelBackedNode<Task, Out, Reply>,
  task: Task,
  reasoning: Reasoning,
): Promise<Reasoned<Out>> {
  const model = reasoning.modelFor(node.role);
  if (!model)
    return {
      out: await inOfflineModelSpan(node.role, () => node.offline(task, reasoning.offline)),
    };
  return askModel(node.model, task, model, {
    role: node.role,
    ...(reasoning.signal ? { signal: reasoning.signal } : {}),
    ...(reasoning.onToken ? { onToken: reasoning.onToken } : {}),
  });
}
