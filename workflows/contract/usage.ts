import type { Usage } from './results';

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  modelCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
});

/** The one way usage adds up: model calls, steps and sub-questions alike. */
export function addUsage(a: Usage, b: Usage | undefined): Usage {
  if (!b) return a;
  return {
    modelCalls: a.modelCalls + b.modelCalls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}
