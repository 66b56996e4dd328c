import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { TaskReply } from '../contract';
import { taskReplySchema } from '../contract/inputs';
import { problemsWith } from '../contract/problems';

/**
 * The validator of a task's input update: a reply is refused when nothing is asked, or when one is
 * already in (NotWaitingForInput), and when it is malformed (InvalidReply). A refused update leaves
 * no trace in the workflow's history; the caller gets the reason.
 */
export function replyValidator(asking: () => boolean, state: () => string) {
  return (reply: TaskReply): void => {
    if (!asking()) {
      const now = state();
      throw ApplicationFailure.create({
        type: 'NotWaitingForInput',
        message: `Task ${workflowInfo().workflowId} is not waiting for input (${
          now === 'waiting_for_input' ? 'it already has a reply' : `it is ${now}`
        })`,
        nonRetryable: true,
      });
    }
    const problems = problemsWith(taskReplySchema, reply);
    if (problems.length)
      throw ApplicationFailure.create({
        type: 'InvalidReply',
        message: problems.join('; '),
        nonRetryable: true,
      });
  };
}
