/** The ask workflow's start-to-close timeout for a step when the worker names none. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;

/**
 * How long one model-backed agent step may run: a call and its repair request each up to the
 * model's timeout, and never less than the default. A worker lost mid-step is still noticed by
 * the heartbeat timeout (10 s); this bound is for a step that is alive but slow, like a small
 * local model on a loaded CPU (`QUARRY_MODEL_TIMEOUT_MS` raised for it raises this too).
 */
export function modelStepTimeoutMs(modelTimeoutMs: number, configured?: number): number {
  return configured ?? Math.max(DEFAULT_STEP_TIMEOUT_MS, 2 * modelTimeoutMs);
}
