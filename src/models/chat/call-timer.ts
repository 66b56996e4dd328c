import { modelCallSeconds } from '../../metrics/registry';

/**
 * Times one model call into quarry_model_call_seconds. A reply the SDK could not parse as JSON
 * (SyntaxError) still came back: the call itself was ok, the checked fallback handles the reply.
 */
export function callTimer(labels: { provider: string; model: string; role: string }) {
  return async <T>(call: () => Promise<T>): Promise<T> => {
    const done = modelCallSeconds.startTimer(labels);
    try {
      const result = await call();
      done({ outcome: 'ok' });
      return result;
    } catch (err) {
      done({ outcome: err instanceof SyntaxError ? 'ok' : 'error' });
      throw err;
    }
  };
}
