import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import type { ModelRole } from '../config/config';
import { askChat, type ChatModelFactory } from '../models/chat';
import { cleanPlan, planByClauses } from './plan';
import { synthesizeReport } from './report';
import {
  LIMITS,
  ZERO_USAGE,
  type Finding,
  type PreviousRun,
  type Usage,
} from '../../workflows/contract';

const PLANNER_SYSTEM = `You split a research question into the separate questions it needs answered.
Keep each sub-question self-contained and in the question's language. Do not answer them.
Reply with JSON: {"subQuestions": ["..."]}.`;

const planSchema = (max: number) => z.object({ subQuestions: z.array(z.string()).min(1).max(max) });

/** Bad input is a bug in the caller: retrying it would only fail the same way. */
const invalid = (message: string) =>
  ApplicationFailure.nonRetryable(message, 'InvalidResearchInput');

/** Planning and the report: the research workflow's own steps (sub-questions are child asks). */
export function createResearchActivities({
  chatModels,
  modelRoles,
}: {
  chatModels: ChatModelFactory;
  modelRoles: Record<ModelRole, string>;
}) {
  return {
    async planResearch(input: {
      question: string;
      maxSubQuestions: number;
    }): Promise<{ subQuestions: string[]; usage: Usage }> {
      const { question, maxSubQuestions } = input;
      if (typeof question !== 'string' || !question.trim()) throw invalid('the question is empty');
      const { min, max } = LIMITS.maxSubQuestions;
      if (!Number.isInteger(maxSubQuestions) || maxSubQuestions < min || maxSubQuestions > max)
        throw invalid(`maxSubQuestions must be ${min}-${max}`);
      const fallback = planByClauses(question, maxSubQuestions);
      const model = chatModels.forSpec(modelRoles.generator);
      if (!model) return { subQuestions: fallback, usage: { ...ZERO_USAGE } };
      const reply = await askChat(model, {
        system: PLANNER_SYSTEM,
        prompt: `Question: ${question}\nAt most ${maxSubQuestions} sub-questions.`,
        schema: planSchema(maxSubQuestions),
        signal: Context.current().cancellationSignal,
        role: 'planner',
      });
      const planned = cleanPlan(reply.value?.subQuestions, maxSubQuestions);
      return {
        // A model that returns nothing usable does not sink the task: the clause split stands in.
        subQuestions: planned.length ? planned : fallback,
        usage: {
          modelCalls: reply.calls,
          inputTokens: reply.inputTokens,
          outputTokens: reply.outputTokens,
        },
      };
    },

    synthesizeReport(input: {
      question: string;
      findings: Finding[];
      previous?: PreviousRun | null;
    }) {
      if (typeof input?.question !== 'string' || !Array.isArray(input.findings))
        throw invalid('a report needs the question and its findings');
      return Promise.resolve(synthesizeReport(input.question, input.findings, input.previous));
    },
  };
}
