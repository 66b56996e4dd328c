import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientInterceptors } from '@temporalio/client';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import { spanProcessors, tracingActive, tracingResource } from './tracing';

/**
 * The workflow side of Temporal's OpenTelemetry interceptors, bundled with the workflow code: every
 * bundle (the worker's own, the tests', `quarry start --stack production`'s) must include it, or
 * the sink below has nobody to call it and activities start traces of their own.
 */
export const WORKFLOW_INTERCEPTOR_MODULES = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/** Starting, signalling or updating a workflow opens a span and passes its context in headers. */
export function tracingClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/**
 * Activities run inside a span joined to the workflow's (their headers carry its context); spans
 * of workflow code leave the sandbox through the `exporter` sink, which the SDK skips on replay.
 * None when no span processor listens: the interceptors cost a local step about half again its
 * orchestration time even when nothing is exported (docs/BENCHMARKS.md, the per-activity floor).
 */
export function tracingWorkerInterceptors(withWorkflowModules: boolean): WorkerInterceptors {
  if (!tracingActive()) return {};
  return {
    client: tracingClientInterceptors(),
    activity: [
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    ...(withWorkflowModules ? { workflowModules: WORKFLOW_INTERCEPTOR_MODULES } : {}),
  };
}

export function tracingSinks(): InjectedSinks<OpenTelemetrySinks> {
  return { exporter: makeWorkflowExporter(spanProcessors, tracingResource()) };
}
