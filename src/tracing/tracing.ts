import { trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config/tracing-env';

/**
 * Every span processor of the process behind one: the tracer provider and the workflow span sink
 * (makeWorkflowExporter) each take one processor, and the OTLP exporter or a test's in-memory
 * exporter joins later, once tracing starts.
 */
class SpanFanOut implements SpanProcessor {
  readonly processors = new Set<SpanProcessor>();

  onStart(span: Span, parent: Context): void {
    for (const p of this.processors) p.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    for (const p of this.processors) p.onEnd(span);
  }
  async forceFlush(): Promise<void> {
    await Promise.all([...this.processors].map((p) => p.forceFlush()));
  }
  async shutdown(): Promise<void> {
    await Promise.all([...this.processors].map((p) => p.shutdown()));
  }
}

export const spanProcessors = new SpanFanOut();
export const TRACER_NAME = 'quarry';
let provider: BasicTracerProvider | undefined;
let resource = new Resource({ 'service.name': 'quarry' });

/** The resource spans of workflow code are exported under (they cross a sink, not the provider). */
export function tracingResource(): Resource {
  return resource;
}

/** True once a processor listens: until then no span is made, so tracing costs nothing. */
export function tracingActive(): boolean {
  return spanProcessors.processors.size > 0;
}

export function quarryTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/**
 * Registers the process's tracer provider (once: the OpenTelemetry API is process-wide) and adds a
 * processor. Temporal's interceptors and Quarry's own spans reach it through the global API.
 */
export function startTracing(processor: SpanProcessor, serviceName = 'quarry'): void {
  if (!provider) {
    resource = new Resource({ 'service.name': serviceName });
    provider = new BasicTracerProvider({ resource });
    provider.addSpanProcessor(spanProcessors);
    provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  }
  spanProcessors.processors.add(processor);
}

/** Removes a processor (a test's in-memory exporter) after flushing what it holds. */
export async function stopTracing(processor: SpanProcessor): Promise<void> {
  await processor.forceFlush();
  spanProcessors.processors.delete(processor);
}

/**
 * OTLP/HTTP export when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set; nothing
 * otherwise. Batched, so a model call never waits for the collector.
 */
export function startTracingFromConfig(config: TracingConfig): void {
  if (!config.otlpTracesUrl || tracingActive()) return;
  const exporter = new OTLPTraceExporter({ url: config.otlpTracesUrl, headers: config.headers });
  startTracing(new BatchSpanProcessor(exporter), config.serviceName);
}

/** Sends what is batched before the process exits. */
export async function flushTracing(): Promise<void> {
  if (tracingActive()) await spanProcessors.forceFlush();
}
