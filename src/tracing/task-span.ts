import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { quarryTracer, tracingActive } from './tracing';

/**
 * The root span of a task's trace, open while its workflow is started: Temporal's client
 * interceptor starts its span inside it and carries the context to the workflow in headers, so
 * every step, node and model call of the task joins this trace. `start` gets the trace id to keep
 * on the task (undefined when tracing is off).
 */
export async function inTaskSpan<T>(
  mode: string,
  taskId: string,
  start: (traceId: string | undefined) => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return start(undefined);
  return quarryTracer().startActiveSpan(
    `task ${mode}`,
    { kind: SpanKind.PRODUCER, attributes: { 'quarry.task.id': taskId, 'quarry.task.mode': mode } },
    async (span) => {
      try {
        return await start(span.spanContext().traceId);
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
