import { Context } from '@temporalio/activity';
import type { ResearchResult } from '../research/research.types';
import { passageKey, type PreviousRun } from '../research/whats-new';
import { literal } from '../tasks/task-query';

/** Enough to mark what is new in a report, and little enough to carry through workflow history. */
const MAX_PASSAGES = 2000;

function timestampMs(t: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;
}

/**
 * Looks up a schedule's previous successful research run (the latest completed one other than the
 * caller) through Temporal visibility, and reads from its result what the new report compares
 * against. Runs as an activity: it reads another workflow's result, which workflow code cannot.
 */
export function createPreviousRunActivities() {
  return {
    async previousScheduledRun(input: {
      tenant: string;
      schedule: string;
    }): Promise<PreviousRun | null> {
      const { client, info } = Context.current();
      const self = info.workflowExecution?.workflowId;
      const query = [
        `WorkflowType = 'researchWorkflow'`,
        `ExecutionStatus = 'Completed'`,
        `QuarryTenant = ${literal(input.tenant)}`,
        `TemporalScheduledById = ${literal(input.schedule)}`,
      ].join(' AND ');
      const res = await client.workflowService.listWorkflowExecutions({
        namespace: info.workflowNamespace,
        query,
        pageSize: 20,
      });
      const latest = (res.executions ?? [])
        .filter((e) => e.execution?.workflowId && e.execution.workflowId !== self)
        .sort((a, b) => timestampMs(b.closeTime) - timestampMs(a.closeTime))[0];
      if (!latest?.execution?.workflowId) return null;
      const { workflowId, runId } = latest.execution;
      const result = (await client.workflow
        .getHandle(workflowId, runId ?? undefined)
        .result()) as ResearchResult;
      return {
        taskId: workflowId,
        finishedAt: new Date(timestampMs(latest.closeTime)).toISOString(),
        passages: [...new Set(result.citations.map(passageKey))].slice(0, MAX_PASSAGES),
        answered: result.findings.filter((f) => !f.abstained).map((f) => f.subQuestion),
      };
    },
  };
}
