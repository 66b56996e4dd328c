import { context, SpanStatusCode, type Context } from '@opentelemetry/api';
import { CallbackManager } from '@langchain/core/callbacks/manager';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { OtelSpansHandler } from './langchain-spans';
import { quarryTracer, tracingActive } from './tracing';

/** The span of the node run this code runs in, found through LangChain's inherited callbacks. */
function nodeContext(): Context {
  const callbacks = (
    AsyncLocalStorageProviderSingleton.getRunnableConfig() as { callbacks?: unknown } | undefined
  )?.callbacks;
  if (!(callbacks instanceof CallbackManager)) return context.active();
  const handler = callbacks.handlers.find((h) => h instanceof OtelSpansHandler);
  return handler ? handler.contextOf(callbacks.getParentRunId()) : context.active();
}

/**
 * The extractive engine stands in for a chat model where a role is `extractive`: its "call" gets
 * a model-call span like a real one (no tokens), so every ask's trace has the same levels.
 */
export async function inOfflineModelSpan<T>(role: string, call: () => T | Promise<T>): Promise<T> {
  if (!tracingActive()) return call();
  const span = quarryTracer().startSpan(
    'chat extractive',
    {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'extractive',
        'gen_ai.request.model': 'extractive',
        'quarry.role': role,
      },
    },
    nodeContext(),
  );
  const started = Date.now();
  try {
    return await call();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.setAttribute('quarry.latency_ms', Date.now() - started);
    span.end();
  }
}
