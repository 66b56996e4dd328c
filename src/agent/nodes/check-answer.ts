import { z } from 'zod';
import { lackedKind, measuredWord } from '../extractive/asked-kind';
import { questionConcepts, questionParts } from '../extractive/question';
import { conceptCoverage } from '../extractive/scoring';
import { ANSWER_IS_DATA, fenceAnswer } from '../llm/documents';
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

export const ANSWER_CHECK_SYSTEM = `You check whether an answer addresses the question asked, every part of it.
${ANSWER_IS_DATA}
Reply with JSON: {"answered": true|false, "missing": ["..."]}. In "missing", name what the answer
does not cover as short words or phrases taken from the question (a name, a number, the part left
unanswered), so a search can look for them; leave it empty when the answer covers everything.`;

const answerCheckReply = z.object({ answered: z.boolean(), missing: z.array(z.string()) });

/**
 * Offline: the answer must cover enough of each part of the question (every part of a question
 * that asks several things). What a part lacks is named as words (never character bigrams), so
 * the rewrite can search for that part or those words.
 */
export function checkCoverage(
  { question, draft }: AnswerCheckTask,
  { options }: Pick<OfflineTools, 'options'>,
): AnswerCheck {
  if (draft.trim() === '') return { answered: false, missing: [] };
  const missing: string[] = [];
  for (const part of questionParts(question)) {
    const concepts = questionConcepts(part);
    if (conceptCoverage(concepts, draft) >= options.answerCoverage) continue;
    for (const c of concepts) if (conceptCoverage([c], draft) === 0) missing.push(c[0]);
  }
  const words = [...new Set(missing)];
  return { answered: words.length === 0, missing: words };
}

/** Does the supported draft answer the question? What it misses goes into the final result. */
export const checkAnswer = modelBackedNode({
  role: 'checker',
  task: (state): AnswerCheckTask => ({ question: state.question, draft: state.draft }),
  model: {
    system: ANSWER_CHECK_SYSTEM,
    prompt: ({ question, draft }) => `Question: ${question}\n\nAnswer:\n${fenceAnswer(draft)}`,
    schema: answerCheckReply,
    settled: ({ question, draft }) =>
      draft.trim() === '' ? { answered: false, missing: [question] } : undefined,
    read: (reply: z.infer<typeof answerCheckReply> | undefined): AnswerCheck =>
      reply ?? { answered: false, missing: [] },
  },
  offline: checkCoverage,
  // Whichever engine checked, an answer without the number or year asked for does not answer: it
  // names the quantity as missing and the agent abstains, unless another part of the question
  // was answered (below).
  update(state, { answered, missing }: AnswerCheck) {
    const parts = questionParts(state.question);
    if (parts.length > 1) {
      const lacking = parts.filter((p) => lackedKind(p, state.draft));
      if (lacking.length < parts.length) return partsLackingKind(parts, lacking, answered, missing);
    }
    const kind = lackedKind(state.question, state.draft) ?? '';
    if (!kind) return { answered, missing, lackedKind: '' };
    const word = measuredWord(state.question) ?? kind;
    return { answered: false, missing: [...new Set([...missing, word])], lackedKind: kind };
  },
});

/**
 * A question of several parts whose one part asks how many (or which year) and gets no number is
 * partly answered, not unanswerable: that part is named as missing, in its own words, so the loop
 * searches for it; the answer to the other parts stands.
 */
function partsLackingKind(
  parts: string[],
  lacking: string[],
  answered: boolean,
  missing: string[],
) {
  if (!lacking.length) return { answered, missing, lackedKind: '' };
  const words = [...missing];
  for (const part of lacking) {
    const others = new Set(
      parts.filter((p) => p !== part).flatMap((p) => questionConcepts(p).map((c) => c[0])),
    );
    const own = questionConcepts(part).find((c) => !others.has(c[0]))?.[0];
    words.push(measuredWord(part) ?? own ?? part);
  }
  return { answered: false, missing: [...new Set(words)], lackedKind: '' };
}
