import {
  askInputSchema,
  LIMITS,
  problemsWith,
  researchInputSchema,
  taskReplySchema,
} from '../../workflows/contract';
import { openApiSchema } from '../../src/api/openapi/zod-schema';
import { createTaskBody } from '../../src/tasks/task-requests';
import { MODE_OF_WORKFLOW, TASK_MODES, WORKFLOW_OF_MODE } from '../../src/tasks/task-status';

const task = { tenant: 'local', collection: 'team-notes', question: 'What is alpha?' };

describe('the workflow contract', () => {
  it('finds nothing wrong with a good input, and says what is wrong with a bad one, field by field', () => {
    expect(
      problemsWith(askInputSchema, { ...task, options: { topK: 50, allowClarify: true } }),
    ).toEqual([]);
    expect(
      problemsWith(askInputSchema, {
        tenant: 'local',
        collection: 'Team Notes',
        question: 'x'.repeat(LIMITS.questionChars + 1),
        webhook: 'ftp://example.com',
        options: { topK: 51, maxRetrievals: 2.5, allowClarify: 'yes', clarifyTimeoutSeconds: 0 },
      }),
    ).toEqual([
      'collection must be 1-48 characters: lowercase letters, digits, - or _, starting with a letter or digit',
      'question is over 2000 characters',
      'webhook must be an http(s) URL',
      'options.maxRetrievals must be 1-10',
      'options.topK must be 1-50',
      'options.allowClarify must be true or false',
      'options.clarifyTimeoutSeconds must be 1-604800',
    ]);
    expect(problemsWith(askInputSchema, { ...task, question: ' \n ' })).toEqual([
      'question must not be blank',
    ]);
  });

  it('does not refuse fields it does not know: a workflow validates its input, it never rewrites it', () => {
    expect(problemsWith(askInputSchema, { ...task, addedLater: 1 })).toEqual([]);
  });

  it('leaves a research task’s answer options to each sub-question, and names a bad plan’s question', () => {
    expect(problemsWith(researchInputSchema, { ...task, options: { ask: { topK: 999 } } })).toEqual(
      [],
    );
    expect(
      problemsWith(researchInputSchema, {
        ...task,
        options: { subQuestions: ['ok?', ' '], concurrency: 11 },
      }),
    ).toEqual(['options.concurrency must be 1-10', 'options.subQuestions[1] must not be blank']);
    expect(problemsWith(taskReplySchema, { subQuestions: [] })).toEqual([
      'subQuestions must be 1-20 non-empty questions',
    ]);
  });

  it('publishes each limit in the OpenAPI spec from the same table', () => {
    const body = openApiSchema(createTaskBody, 'input') as any;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.question).toMatchObject({ maxLength: LIMITS.questionChars });
    for (const name of [
      'maxRetrievals',
      'topK',
      'maxSubQuestions',
      'approvalTimeoutSeconds',
    ] as const)
      expect(body.properties.options.properties[name]).toMatchObject({
        type: 'integer',
        minimum: LIMITS[name].min,
        maximum: LIMITS[name].max,
        default: LIMITS[name].default,
      });
    expect(body.properties.options.properties.subQuestions).toMatchObject({
      minItems: LIMITS.planQuestions.min,
      maxItems: LIMITS.planQuestions.max,
      items: { maxLength: LIMITS.questionChars },
    });
  });

  it('maps workflow types back to modes by the one table', () => {
    for (const mode of TASK_MODES) expect(MODE_OF_WORKFLOW[WORKFLOW_OF_MODE[mode]]).toBe(mode);
    expect(MODE_OF_WORKFLOW.ingestWorkflow).toBeUndefined();
  });
});
