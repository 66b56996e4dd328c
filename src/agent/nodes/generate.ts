import { relevantChunks, timed, type AgentNode, type NodeDeps } from './deps';

export function generateNode({ engine }: NodeDeps): AgentNode {
  return timed('generate', async (state) => {
    const { draft, citations, usage } = await engine.generateAnswer(
      state.question,
      relevantChunks(state),
    );
    return {
      draft,
      citations,
      grounding: [],
      attempts: { ...state.attempts, generation: state.attempts.generation + 1 },
      ...(usage ? { usage } : {}),
    };
  });
}
