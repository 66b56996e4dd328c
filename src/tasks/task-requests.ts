import * as z from 'zod/mini';
import {
  askOptionFields,
  knowledgeBaseField,
  LIMITS,
  questionField,
  researchOptionFields,
  taskReplyFields,
} from '../../workflows/contract';
import { isWebhookUrl } from '../webhooks/is-webhook-url';
import { TASK_MODES } from './task-status';

/**
 * The task routes' request bodies, built from the contract's fields: the API refuses what the
 * workflows would refuse, with the same limits, and the OpenAPI spec shows those limits.
 */

const webhook = z.string().check(
  z.maxLength(LIMITS.webhookChars),
  z.refine(isWebhookUrl, { error: 'must be an http(s) URL without a user name or password' }),
  z.meta({
    example: 'https://example.com/hooks/quarry',
    description:
      "POSTed the finished task, signed with HMAC-SHA256 (X-Quarry-Signature) with the tenant's secret " +
      '(GET /v1/webhooks/secret). Loopback, private, link-local and metadata addresses are refused ' +
      '(400 here, or at delivery once the name is resolved) unless QUARRY_WEBHOOK_ALLOW_HOSTS allows them.',
  }),
);

/** One flat set of options: each mode reads its own (see task-start.ts). */
export const taskOptionsBody = z.strictObject({ ...askOptionFields, ...researchOptionFields });

export const createTaskBody = z.strictObject({
  question: questionField().check(z.meta({ example: '工作进程崩溃时会发生什么？' })),
  collection: knowledgeBaseField(),
  mode: z.optional(
    z.enum(TASK_MODES, { error: 'must be "answer" or "research"' }).check(
      z.meta({
        default: 'answer',
        description: 'answer: one question; research: a plan of sub-questions and a report',
      }),
    ),
  ),
  webhook: z.optional(webhook),
  options: z.optional(taskOptionsBody),
});
export type CreateTaskBody = z.infer<typeof createTaskBody>;
export type TaskOptionsBody = z.infer<typeof taskOptionsBody>;

/** POST /v1/tasks/:id/input: a clarification's answer, or a research plan's verdict. */
export const taskReplyBody = z.strictObject(taskReplyFields);
export type TaskReplyBody = z.infer<typeof taskReplyBody>;
