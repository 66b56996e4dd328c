import { z } from 'zod';
import { coverage, isWholeTerm, questionTerms, termSet } from '../extractive/lexical';
import { modelBackedNode, type OfflineTools } from '../node-kinds';

interface AnswerCheckTask {
  question: string;
  draft: string;
}

interface AnswerCheck {
  answered: boolean;
  /** What the question asks that the draft does not cover. */
  missing: string[];
}

export const ANSWER_CHECK_SYSTEM = `You check whether an answer addresses the question asked.
Reply with JSON: {"answered": true|false, "missing": ["what the answer does not cover"]}.`;

const answerCheckReply = z.object({ answered: z.boolean(), missing: z.array(z.string()) });

/** Offline: the answer addresses the question when it covers enough of the question's terms. */
function checkCoverage(
  { question, draft }: AnswerCheckTask,
  { options }: OfflineTools,
): AnswerCheck {
  const terms = questionTerms(question);
  const answerTerms = termSet(draft);
  const answered = draft.trim() !== '' && coverage(terms, answerTerms) >= options.answerCoverage;
  const uncovered = terms.filter((t) => !answerTerms.has(t));
  const words = uncovered.filter(isWholeTerm);
  return { answered, missing: answered ? [] : words.length ? words : uncovered };
}

/** Does the supported draft answer the question? What it misses goes into the final result. */
export const checkAnswer = modelBackedNode({
  role: 'checker',
  task: (state): AnswerCheckTask => ({ question: state.question, draft: state.draft }),
  model: {
    system: ANSWER_CHECK_SYSTEM,
    prompt: ({ question, draft }) => `Question: ${question}\n\nAnswer:\n${draft}`,
    schema: answerCheckReply,
    settled: ({ question, draft }) =>
      draft.trim() === '' ? { answered: false, missing: [question] } : undefined,
    read: (reply: z.infer<typeof answerCheckReply> | undefined): AnswerCheck =>
      reply ?? { answered: false, missing: [] },
  },
  offline: checkCoverage,
  update: (_state, { answered, missing }: AnswerCheck) => ({ answered, missing }),
});
