import type { Grades } from '../types';
import { timed, type AgentNode, type NodeDeps } from './deps';

/** Grades the chunks not graded yet; earlier grades stand (no second model call for them). */
export function gradeNode({ engine }: NodeDeps): AgentNode {
  return timed('grade', async (state) => {
    const ungraded = state.chunks.filter((c) => !state.grades[c.id]);
    if (!ungraded.length) return {};
    const { grades, usage } = await engine.gradeChunks(state.question, ungraded);
    const merged: Grades = { ...state.grades };
    for (const c of ungraded) merged[c.id] = grades[c.id] ?? { relevant: false, score: 0 };
    return { grades: merged, ...(usage ? { usage } : {}) };
  });
}
