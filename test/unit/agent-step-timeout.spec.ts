import { DEFAULT_STEP_TIMEOUT_MS, modelStepTimeoutMs } from '../../src/agent/step-timeout';
import { loadConfig } from '../../src/config/config';

describe('the timeout of a model-backed agent step', () => {
  it('follows the model timeout: a call and its repair, never below the default', () => {
    expect(modelStepTimeoutMs(120_000)).toBe(DEFAULT_STEP_TIMEOUT_MS);
    expect(modelStepTimeoutMs(280_000)).toBe(560_000);
    expect(modelStepTimeoutMs(280_000, 60_000)).toBe(60_000);
  });

  it('is read from the environment, the explicit setting first', () => {
    expect(loadConfig({}).temporal.modelStepTimeoutMs).toBe(300_000);
    expect(loadConfig({ QUARRY_MODEL_TIMEOUT_MS: '600000' }).temporal.modelStepTimeoutMs).toBe(
      1_200_000,
    );
    expect(
      loadConfig({ QUARRY_MODEL_TIMEOUT_MS: '600000', QUARRY_AGENT_STEP_TIMEOUT_MS: '900000' })
        .temporal.modelStepTimeoutMs,
    ).toBe(900_000);
  });

  it('reads the configured context window for hosted models; unset, prompts are not fitted', () => {
    expect(loadConfig({}).chat.contextTokens).toBeUndefined();
    expect(loadConfig({ QUARRY_MODEL_CONTEXT_TOKENS: '32768' }).chat.contextTokens).toBe(32_768);
    expect(() => loadConfig({ QUARRY_MODEL_CONTEXT_TOKENS: '100' })).toThrow(
      'QUARRY_MODEL_CONTEXT_TOKENS',
    );
  });
});
