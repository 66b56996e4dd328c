import { interrupt } from '@langchain/langgraph';
import { usesCjk } from '../draft';
import { plainNode } from '../node-kinds';

/** What the agent asks the user when the first search found nothing it could use. */
export interface ClarifyRequest {
  ask: string;
}

export function clarifyingQuestion(question: string, knowledgeBase: string): string {
  const q = question.trim();
  return usesCjk(q)
    ? `在知识库 ${knowledgeBase} 中没有找到与“${q}”相关的内容。能否补充一些细节，比如具体的名称、术语或场景？`
    : `I found nothing about "${q}" in the knowledge base ${knowledgeBase}. Could you add a detail, such as a name, a term the documents would use, or the situation you mean?`;
}

/**
 * Asks the user through LangGraph's `interrupt()`: the step ends waiting, the workflow waits for
 * the reply, and the reply resumes this node (re-run from its start, so it has no side effect
 * before the interrupt). The reply is added to the question and the search starts over from it; an
 * empty reply (the user declined, or the wait timed out) leaves the question as it was.
 */
export const clarify = plainNode((state, { settings }) => {
  const ask = clarifyingQuestion(state.question, settings.knowledgeBase);
  const reply = String(interrupt<ClarifyRequest, string>({ ask }) ?? '').trim();
  const question = reply ? `${state.question}\n${reply}` : state.question;
  // Grades were given against the old question: start the search over. What earlier searches
  // returned is forgotten too, or a search for the clarified question that finds the same chunks
  // would count as bringing nothing new and end the loop.
  return {
    question,
    query: question,
    queries: [question],
    chunks: [],
    grades: {},
    seen: [],
    fresh: [],
    clarified: true,
  };
});
