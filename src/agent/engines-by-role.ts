import { MODEL_ROLES, type ModelRole } from '../config/config';
import type { ChatModelFactory } from '../models/chat';
import type { AgentEngine } from './engine';
import { LlmEngine, RoleEngine } from './llm';

/**
 * The engine one activity call reasons with: a chat model per role, or the extractive engine where
 * a role is `extractive`. Built per call so the call's cancellation signal reaches the models.
 */
export function engineForRoles(
  roles: Record<ModelRole, string>,
  models: ChatModelFactory,
  extractive: AgentEngine,
  signal: AbortSignal,
): AgentEngine {
  if (MODEL_ROLES.every((role) => roles[role] === 'extractive')) return extractive;
  const engines = Object.fromEntries(
    MODEL_ROLES.map((role) => {
      const model = models.forSpec(roles[role]);
      return [role, model ? new LlmEngine(model, signal) : extractive];
    }),
  ) as Record<ModelRole, AgentEngine>;
  return new RoleEngine(engines);
}
