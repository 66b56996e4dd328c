import { ApplicationFailure, Context } from '@temporalio/activity';
import { parseJsonReply, asRecord } from '../agent/llm/replies';
import type { Usage } from '../agent/types';
import type { ModelRole } from '../config/config';
import type { ChatModelFactory } from '../models/chat';
import { cleanPlan, planByClauses } from './plan';
import { synthesizeReport } from './report';
import type { Finding } from './research.types';

const PLANNER_SYSTEM = `You split a research question into the separate questions it needs answered.
Keep each sub-question self-contained and in the question's language. Do not answer them.
Reply with JSON: {"subQuestions": ["..."]}.`;

const PLAN_SCHEMA = {
  type: 'object',
  properties: { subQuestions: { type: 'array', items: { type: 'string' }, maxItems: 20 } },
  required: ['subQuestions'],
};

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
      if (!question?.trim())
        throw ApplicationFailure.nonRetryable('the question is empty', 'InvalidResearchInput');
      const fallback = planByClauses(question, maxSubQuestions);
      const model = chatModels.forSpec(modelRoles.generator);
      if (!model)
        return {
          subQuestions: fallback,
          usage: { modelCalls: 0, inputTokens: 0, outputTokens: 0 },
        };
      const reply = await model.chat({
        system: PLANNER_SYSTEM,
        prompt: `Question: ${question}\nAt most ${maxSubQuestions} sub-questions.`,
        schema: PLAN_SCHEMA,
        signal: Context.current().cancellationSignal,
      });
      const planned = cleanPlan(asRecord(parseJsonReply(reply.text)).subQuestions, maxSubQuestions);
      return {
        // A model that returns nothing usable does not sink the task: the clause split stands in.
        subQuestions: planned.length ? planned : fallback,
        usage: { modelCalls: 1, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens },
      };
    },

    synthesizeReport(input: { question: string; findings: Finding[] }) {
      return Promise.resolve(synthesizeReport(input.question, input.findings));
    },
  };
}
