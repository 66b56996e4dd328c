import { keepSentences } from '../draft';
import { timed, type AgentNode, type NodeDeps } from './deps';

/**
 * Drops the sentences their cited chunks do not support, and the citations only they used. An
 * empty draft afterwards sends the router back to generate (or on to finalize when out of budget).
 */
export function checkGroundingNode({ engine }: NodeDeps): AgentNode {
  return timed('checkGrounding', async (state) => {
    const { sentences, usage } = await engine.checkGrounding(
      state.draft,
      state.citations,
      state.chunks,
    );
    const kept = keepSentences(
      sentences.filter((s) => s.supported),
      state.citations,
    );
    return { ...kept, grounding: sentences, ...(usage ? { usage } : {}) };
  });
}
