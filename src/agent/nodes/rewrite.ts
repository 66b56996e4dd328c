import { timed, type AgentNode, type NodeDeps } from './deps';

export function rewriteNode({ engine }: NodeDeps): AgentNode {
  return timed('rewrite', async (state) => {
    const previous = state.queries.length ? state.queries : [state.question];
    const { query, usage } = await engine.rewriteQuery(
      state.question,
      previous,
      state.chunks,
      state.grades,
    );
    const next = query.trim() || state.question;
    return { query: next, queries: [next], ...(usage ? { usage } : {}) };
  });
}
