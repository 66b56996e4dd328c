import { ApiError } from '../../src/api/api-error';
import { ZodBodyPipe } from '../../src/api/zod-body.pipe';
import { createTaskBody, taskReplyBody } from '../../src/tasks/task-requests';
import { taskStart } from '../../src/tasks/task-start';

/** What the pipe refuses a body with: the 400's message and details. */
const refusal = (pipe: ZodBodyPipe<any>, body: unknown) => badRequest(() => pipe.transform(body));

function badRequest(run: () => unknown) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    const res = (err as ApiError).getResponse() as { error: { message: string; details: unknown } };
    expect((err as ApiError).getStatus()).toBe(400);
    return res.error;
  }
  throw new Error('it was accepted');
}

describe('request bodies validated by the contract’s schemas', () => {
  const tasks = new ZodBodyPipe(createTaskBody);

  it('names every bad field in one 400, in the words of the other routes', () => {
    const { message, details } = refusal(tasks, {
      question: ' ',
      collection: 'kb',
      mode: 'essay',
      extra: 1,
      options: { maxRetrievals: 0, topK: 51, subQuestions: ['ok?', ''], approvePlan: 'yes' },
    });
    expect(message.split('; ')).toEqual([
      'question: question must not be blank',
      'mode: mode must be "answer" or "research"',
      'options.maxRetrievals: maxRetrievals must not be less than 1',
      'options.topK: topK must not be greater than 50',
      'options.approvePlan: approvePlan must be a boolean value',
      'options.subQuestions: each value in subQuestions must not be blank',
      'extra: property extra should not exist',
    ]);
    expect(details).toContainEqual({
      field: 'extra',
      problems: ['property extra should not exist'],
    });
    expect(refusal(tasks, { question: 'x'.repeat(2001), collection: 'kb' }).message).toBe(
      'question: question must be shorter than or equal to 2000 characters',
    );
  });

  it('takes null for a field left out, as the class-validator routes do', () => {
    expect(
      tasks.transform({ question: 'q?', collection: 'kb', webhook: null, options: null }),
    ).toEqual({ question: 'q?', collection: 'kb' });
    expect(refusal(new ZodBodyPipe(taskReplyBody), { text: 'x'.repeat(2001) }).message).toBe(
      'text: text must be shorter than or equal to 2000 characters',
    );
  });

  it('starts what the workflow takes: the built input is checked against the workflow’s own schema', () => {
    const body = tasks.transform({
      question: 'q?',
      collection: 'kb',
      mode: 'research',
      options: { topK: 3, concurrency: 2, allowClarify: true },
    });
    const start = taskStart('local', body, { schedule: 'sched-1' });
    expect(start).toMatchObject({
      mode: 'research',
      workflowType: 'researchWorkflow',
      input: {
        tenant: 'local',
        options: { concurrency: 2, ask: { topK: 3 } },
        schedule: 'sched-1',
      },
      memo: { question: 'q?' },
    });
    expect(
      taskStart('local', { question: 'q?', collection: 'kb' }, { schedule: 's' }).input,
    ).toEqual({ tenant: 'local', collection: 'kb', question: 'q?', options: {} });
    // A URL the API's parser takes but the workflow's rule does not: refused before it starts.
    const spaced = tasks.transform({
      question: 'q?',
      collection: 'kb',
      webhook: 'http://x.example/a b',
    });
    expect(badRequest(() => taskStart('local', spaced)).message).toBe(
      'webhook must be an http(s) URL',
    );
  });
});
