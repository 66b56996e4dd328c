import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { LIMITS } from '../../../workflows/contract';
import { ZodBodyPipe } from '../../api/zod-body.pipe';
import { createTaskBody, type CreateTaskBody } from '../../tasks/task-requests';
import type { TasksService } from '../../tasks/tasks.service';
import type { TaskView } from '../../tasks/task-view';
import { asTool } from '../mcp-errors';
import { resultText, taskData, taskText } from '../task-text';
import { knowledgeBaseArg } from './knowledge-tools';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const POLL_MS = 250;
const STOPPED = ['completed', 'failed', 'cancelled', 'waiting_for_input'];
const validation = new ZodBodyPipe(createTaskBody);

const question = z
  .string()
  .min(1, 'question must not be empty')
  .max(LIMITS.questionChars, `question must be at most ${LIMITS.questionChars} characters`);

/** The task as POST /v1/tasks would take it, checked by the same rules and messages. */
function taskDto(body: Record<string, unknown>): CreateTaskBody {
  return validation.transform(body);
}

/**
 * Follows a task until it stops or the wait is over, sending one progress notification per agent
 * step when the client asked for progress (a `progressToken`). Stops early if the client cancels.
 */
async function follow(
  tasks: TasksService,
  tenant: string,
  id: string,
  waitMs: number,
  extra: Extra,
): Promise<TaskView> {
  const token = extra._meta?.progressToken;
  const deadline = Date.now() + waitMs;
  let sent = 0;
  for (;;) {
    const view = await tasks.get(tenant, id);
    if (token !== undefined)
      for (; sent < view.steps.length; sent++)
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: sent + 1, message: view.steps[sent].node },
        });
    if (STOPPED.includes(view.status) || Date.now() >= deadline || extra.signal.aborted)
      return view;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

/** ask, start_research and get_task: Quarry's durable agent tasks, as tools. */
export function registerTaskTools(
  server: McpServer,
  tenant: string,
  tasks: TasksService,
  askWaitSeconds: number,
): void {
  server.registerTool(
    'ask',
    {
      title: 'Ask a knowledge base',
      description: `Answers a question from a knowledge base with citations: a self-correcting agent retrieves passages, grades them, rewrites the query when needed, writes an answer whose every claim cites a passage, and checks it. Sends a progress notification per agent step. If the answer takes longer than wait_seconds (default ${askWaitSeconds}), returns the task id instead: call get_task with it later. Says so when the knowledge base does not contain the answer.`,
      inputSchema: z.strictObject({
        question: question.describe('The question, in any language'),
        knowledge_base: knowledgeBaseArg,
        wait_seconds: z
          .number()
          .int('wait_seconds must be a whole number')
          .min(0, 'wait_seconds must be 0-300')
          .max(300, 'wait_seconds must be 0-300')
          .optional()
          .describe(
            `How long to wait for the answer before returning the task id (default ${askWaitSeconds})`,
          ),
      }),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    (args, extra) =>
      asTool(async () => {
        const dto = taskDto({ question: args.question, collection: args.knowledge_base });
        const created = await tasks.create(tenant, dto);
        const view = await follow(
          tasks,
          tenant,
          created.id,
          (args.wait_seconds ?? askWaitSeconds) * 1000,
          extra,
        );
        if (view.status === 'failed' || view.status === 'cancelled')
          return {
            isError: true,
            content: [
              {
                type: 'text',
                text: `Task ${view.id} ${view.status}: ${view.error ?? 'no reason given'}`,
              },
            ],
            structuredContent: taskData(view),
          };
        const text =
          view.status === 'completed'
            ? `${resultText(view)}\n\n(task ${view.id})`
            : `Still working on it (${view.status}, ${view.steps.length} steps so far). The task id is ${view.id}: call get_task with it for the answer.`;
        return { content: [{ type: 'text', text }], structuredContent: taskData(view) };
      }),
  );

  server.registerTool(
    'start_research',
    {
      title: 'Start a research task',
      description:
        'Starts a research task on a knowledge base and returns its id at once. Research splits a question with several parts into sub-questions (or takes yours), answers each with citations, and writes a report: summary, findings per sub-question, references. It runs durably in the background; follow it with get_task, and read the finished report with get_task or the resource quarry://tasks/{id}.',
      inputSchema: z.strictObject({
        question: question.describe('The research question; it may have several parts'),
        knowledge_base: knowledgeBaseArg,
        max_sub_questions: z
          .number()
          .int('max_sub_questions must be a whole number')
          .min(1, 'max_sub_questions must be 1-20')
          .max(20, 'max_sub_questions must be 1-20')
          .optional()
          .describe('Most sub-questions the plan may have (1-20, default 5)'),
        sub_questions: z
          .array(question)
          .min(1, 'sub_questions must have 1-20 questions')
          .max(20, 'sub_questions must have 1-20 questions')
          .optional()
          .describe('Your own plan: the sub-questions to answer (skips planning)'),
      }),
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    (args) =>
      asTool(async () => {
        const dto = taskDto({
          question: args.question,
          collection: args.knowledge_base,
          mode: 'research',
          options: {
            ...(args.max_sub_questions !== undefined
              ? { maxSubQuestions: args.max_sub_questions }
              : {}),
            ...(args.sub_questions !== undefined ? { subQuestions: args.sub_questions } : {}),
          },
        });
        const view = await tasks.create(tenant, dto);
        return {
          content: [
            {
              type: 'text',
              text: `Research task ${view.id} started (${view.status}). Call get_task with task_id "${view.id}" to follow it.`,
            },
          ],
          structuredContent: taskData(view),
        };
      }),
  );

  server.registerTool(
    'get_task',
    {
      title: 'Get a task',
      description:
        'Shows a task started by ask or start_research: its status (queued, running, waiting_for_input, completed, failed, cancelled), the agent steps so far, the research plan and progress, and once completed the answer or report with citations (or the error).',
      inputSchema: z.strictObject({
        task_id: z
          .string()
          .min(1, 'task_id must not be empty')
          .max(200, 'task_id must be at most 200 characters')
          .describe('The id ask or start_research returned (task-…)'),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ task_id }) =>
      asTool(async () => {
        const view = await tasks.get(tenant, task_id);
        return {
          content: [{ type: 'text', text: taskText(view) }],
          structuredContent: taskData(view),
        };
      }),
  );
}
