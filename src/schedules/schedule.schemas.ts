import type { SchemaObject } from '@nestjs/swagger';
import { openApiSchema } from '../api/openapi/zod-schema';
import { createTaskBody } from '../tasks/task-requests';
import { OVERLAP_POLICIES } from './schedule-spec';

const run: SchemaObject = {
  type: 'object',
  required: ['taskId', 'scheduledAt', 'startedAt'],
  properties: {
    taskId: { type: 'string', example: 'task-sched-5f0c…-2026-12-07T09:00:00Z' },
    scheduledAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
  },
};

export const SCHEDULE_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'task', 'timezone', 'overlap', 'paused', 'createdAt', 'nextRuns', 'recentRuns'],
  properties: {
    id: { type: 'string', example: 'sched-5f0c3f1e9b2d4c7a8e6f1a2b3c4d5e6f' },
    // The task each run starts, as POST /v1/tasks takes it: the same schema.
    task: openApiSchema(createTaskBody, 'output'),
    cron: { type: 'string', nullable: true, example: '0 9 * * MON' },
    every: { type: 'string', nullable: true, example: '6h' },
    timezone: { type: 'string', example: 'UTC' },
    overlap: { type: 'string', enum: [...OVERLAP_POLICIES] },
    paused: { type: 'boolean' },
    note: { type: 'string', nullable: true },
    createdAt: { type: 'string', format: 'date-time' },
    nextRuns: { type: 'array', items: { type: 'string', format: 'date-time' } },
    recentRuns: { type: 'array', items: run, description: 'Newest first; the last ten' },
    runCount: { type: 'integer', description: 'Runs started so far, triggers included' },
  },
};

export const SCHEDULE_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    schedules: { type: 'array', items: SCHEDULE_VIEW_SCHEMA },
    nextCursor: { type: 'string', nullable: true },
  },
};

export const TRIGGER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    taskId: {
      type: 'string',
      nullable: true,
      description: 'The run it started (null if Temporal had not reported it within 5 s)',
    },
    schedule: SCHEDULE_VIEW_SCHEMA,
  },
};
