import { interrupt } from '@langchain/langgraph';
import { usesCjk } from '../draft';
import type { AgentStateValue } from '../state';
import { timed, type AgentNode } from './deps';

/** What the agent asks the user when the first search found nothing it could use. */
export interface ClarifyRequest {
  ask: string;
}

export function clarifyingQuestion(
  state: Pick<AgentStateValue, 'question' | 'collection'>,
): string {
  const q = state.question.trim();
  return usesCjk(q)
    ? `在知识库 ${state.collection} 中没有找到与“${q}”相关的内容。能否补充一些细节，比如具体的名称、术语或场景？`
    : `I found nothing about "${q}" in the knowledge base ${state.collection}. Could you add a detail, such as a name, a term the documents would use, or the situation you mean?`;
}

/**
 * Asks the user through LangGraph's `interrupt()`: the step ends waiting, the workflow waits for a
 * signal, and the reply resumes this node (re-run from its start, so it has no side effect before
 * the interrupt). The reply is added to the question and the search starts over from it; an empty
 * reply (the user declined, or the wait timed out) leaves the question as it was.
 */
export function clarifyNode(): AgentNode {
  return timed('clarify', (state) => {
    const reply = String(
      interrupt<ClarifyRequest, string>({ ask: clarifyingQuestion(state) }) ?? '',
    ).trim();
    const question = reply ? `${state.question}\n${reply}` : state.question;
    // Grades were given against the old question: start the search over.
    return Promise.resolve({
      question,
      query: question,
      queries: [question],
      chunks: [],
      grades: {},
      clarified: true,
    });
  });
}
