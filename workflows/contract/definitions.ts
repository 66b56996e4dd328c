import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IngestProgress } from '../../src/knowledge/ingest/ingest.types';
import type { TaskReply } from './inputs';
import type { TaskProgress } from './progress';

/**
 * How the API reaches a running workflow, defined once for both sides: the workflow sets its
 * handlers with these objects, the API calls `handle.query(progressQuery)` and
 * `handle.executeUpdate(inputUpdate, { args })`.
 */

/** A task's progress: its path so far, and what it waits for. */
export const progressQuery = defineQuery<TaskProgress>('progress');

/**
 * The reply to a waiting task. Its validator refuses a reply when nothing is asked (or a reply is
 * already in), so the caller learns it at once instead of the reply being dropped.
 */
export const inputUpdate = defineUpdate<void, [TaskReply]>('input');

/**
 * How replies arrived before `inputUpdate`: histories that hold one replay through a handler of
 * this signal. Nothing sends it any more; a reply by signal is still taken when one is asked.
 */
export const legacyInputSignal = defineSignal<[TaskReply]>('input');

/** An ingestion job's progress. */
export const ingestProgressQuery = defineQuery<IngestProgress>('progress');
