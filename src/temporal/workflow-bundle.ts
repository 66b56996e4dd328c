import {
  bundleWorkflowCode,
  DefaultLogger,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { join } from 'node:path';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../tracing/temporal-tracing';

export const WORKFLOWS_PATH = join(__dirname, '..', '..', 'workflows');

/**
 * The workflow code as every Quarry worker runs it: the workflows, and the tracing interceptors
 * when traces are exported (they only add cost otherwise). One function, so a bundle built ahead
 * of time (tests, the production stack) matches the one a worker builds for itself. Replay does
 * not depend on them: they add headers, not commands.
 */
export function bundleQuarryWorkflows({
  tracing = true,
  logger = new DefaultLogger('WARN'),
}: { tracing?: boolean; logger?: DefaultLogger } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...(tracing ? { workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES } : {}),
    logger,
  });
}
