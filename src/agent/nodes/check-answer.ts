import { timed, type AgentNode, type NodeDeps } from './deps';

export function checkAnswerNode({ engine }: NodeDeps): AgentNode {
  return timed('checkAnswer', async (state) => {
    const { answered, missing, usage } = await engine.checkAnswer(state.question, state.draft);
    return { answered, missing, ...(usage ? { usage } : {}) };
  });
}
