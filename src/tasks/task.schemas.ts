import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TASK_MODES, TASK_STATUSES } from './task-status';

const usage: SchemaObject = {
  type: 'object',
  properties: {
    modelCalls: { type: 'integer' },
    inputTokens: { type: 'integer' },
    outputTokens: { type: 'integer' },
  },
};

const step: SchemaObject = {
  type: 'object',
  required: ['node', 'startedAt', 'ms'],
  properties: {
    node: { type: 'string', example: 'retrieve' },
    startedAt: { type: 'string', format: 'date-time' },
    ms: { type: 'integer' },
    attempt: { type: 'integer', minimum: 1 },
    outcome: { type: 'string', enum: ['ok', 'waiting'] },
  },
};

const citation: SchemaObject = {
  type: 'object',
  properties: {
    n: { type: 'integer' },
    chunkId: { type: 'string' },
    source: { type: 'string' },
    page: { type: 'integer', nullable: true },
    quote: { type: 'string' },
  },
};

/** A task in a list: what visibility knows without asking the workflow. */
export const TASK_SUMMARY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'status', 'mode', 'collection', 'question', 'createdAt', 'durationMs'],
  properties: {
    id: { type: 'string', example: 'task-3f1c…' },
    status: { type: 'string', enum: [...TASK_STATUSES] },
    mode: { type: 'string', enum: [...TASK_MODES] },
    collection: { type: 'string' },
    question: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    closedAt: { type: 'string', format: 'date-time', nullable: true },
    durationMs: { type: 'integer' },
  },
};

/** A task with its timeline, what it waits for, and its result (answer or report). */
export const TASK_VIEW_SCHEMA: SchemaObject = {
  ...TASK_SUMMARY_SCHEMA,
  properties: {
    ...TASK_SUMMARY_SCHEMA.properties,
    steps: { type: 'array', items: step },
    waitingFor: {
      type: 'object',
      nullable: true,
      properties: { ask: { type: 'string' }, plan: { type: 'array', items: { type: 'string' } } },
    },
    partial: {
      type: 'object',
      nullable: true,
      description: 'research: the plan and how many sub-questions are answered',
      properties: { plan: { type: 'array', items: { type: 'string' } }, done: { type: 'integer' } },
    },
    result: {
      type: 'object',
      nullable: true,
      description:
        'answer mode: answer, citations, abstained, attemptsUsed, missing, trace; research: report, summary, findings, citations',
      properties: {
        answer: { type: 'string' },
        report: { type: 'string' },
        citations: { type: 'array', items: citation },
        abstained: { type: 'boolean' },
        usage,
        steps: { type: 'array', items: step },
        sincePrevious: {
          type: 'object',
          description:
            "research run of a schedule: what is new since the schedule's previous successful run",
          properties: {
            taskId: { type: 'string' },
            finishedAt: { type: 'string', format: 'date-time' },
            newCitations: { type: 'array', items: { type: 'integer' } },
            newlyAnswered: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
    usage: {
      type: 'object',
      nullable: true,
      properties: { ...usage.properties, wallMs: { type: 'integer' } },
    },
    error: { type: 'string', nullable: true },
    retryOf: { type: 'string', nullable: true },
  },
};

export const TASK_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    tasks: { type: 'array', items: TASK_SUMMARY_SCHEMA },
    nextCursor: { type: 'string', nullable: true },
  },
};
