import type { Citation } from '../agent/types';
import type { TaskView } from '../tasks/task-view';

function sources(citations: Citation[]): string {
  if (!citations.length) return '';
  const lines = citations.map((c) => {
    const where = c.page === null ? c.source : `${c.source} p.${c.page}`;
    return `[${c.n}] ${where} — "${c.quote.replace(/\s+/g, ' ').trim().slice(0, 300)}"`;
  });
  return `\n\nSources:\n${lines.join('\n')}`;
}

/** A finished task's answer or report with its sources, as markdown a model or a person reads. */
export function resultText(view: TaskView): string {
  const result = view.result;
  if (!result) return '';
  if ('report' in result) return `${result.report.trimEnd()}`;
  const abstained = result.abstained ? '\n\n(The knowledge base does not contain the answer.)' : '';
  return `${result.answer}${abstained}${sources(result.citations)}`;
}

/** What get_task says: where the task is, and its answer, report or error once it has one. */
export function taskText(view: TaskView): string {
  const head = [
    `Task ${view.id} (${view.mode}) is ${view.status}.`,
    `Question: ${view.question}`,
    `Knowledge base: ${view.collection}`,
  ];
  if (view.steps.length) head.push(`Steps so far: ${view.steps.map((s) => s.node).join(' → ')}`);
  if (view.partial)
    head.push(
      `Plan (${view.partial.done}/${view.partial.plan.length} answered):`,
      ...view.partial.plan.map((q, i) => `  ${i + 1}. ${q}`),
    );
  if (view.waitingFor) head.push(`Waiting for input: ${view.waitingFor.ask}`);
  if (view.error) head.push(`Error: ${view.error}`);
  const body = view.status === 'completed' ? `\n\n${resultText(view)}` : '';
  return `${head.join('\n')}${body}`;
}

/** The task as structured content: the view without the bulky parts a model does not need. */
export function taskData(view: TaskView): Record<string, unknown> {
  const result = view.result;
  return {
    taskId: view.id,
    status: view.status,
    mode: view.mode,
    question: view.question,
    knowledgeBase: view.collection,
    steps: view.steps.map((s) => s.node),
    partial: view.partial,
    waitingFor: view.waitingFor,
    error: view.error,
    ...(result && 'report' in result
      ? {
          report: result.report,
          citations: result.citations,
          ...(result.sincePrevious ? { sincePrevious: result.sincePrevious } : {}),
        }
      : {}),
    ...(result && 'answer' in result
      ? { answer: result.answer, citations: result.citations, abstained: result.abstained }
      : {}),
  };
}
