export { LlmEngine } from './llm-engine';
export { RoleEngine } from './role-engine';
