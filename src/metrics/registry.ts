import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Quarry's Prometheus metrics, process-wide: activities are built outside Nest's injector, so
 * they observe into this module rather than an injected service.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'quarry_' });

export const stepSeconds = new Histogram({
  name: 'quarry_agent_step_seconds',
  help: 'Duration of one agent step (one LangGraph super-step in one activity), by node',
  labelNames: ['node', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

// Labels stay bounded: provider and model are the configured specs, role one of a fixed few.
export const modelCalls = new Counter({
  name: 'quarry_model_calls_total',
  help: 'Chat model calls, by provider, model and role, and whether they succeeded',
  labelNames: ['provider', 'model', 'role', 'outcome'] as const,
  registers: [registry],
});

export const modelTokens = new Counter({
  name: 'quarry_model_tokens_total',
  help: 'Tokens sent to and received from chat models, by provider, model and role',
  labelNames: ['provider', 'model', 'role', 'direction'] as const,
  registers: [registry],
});

export const modelCallSeconds = new Histogram({
  name: 'quarry_model_call_seconds',
  help: 'Latency of one chat model call (one request, a repair request counts apart), by provider, model and role',
  labelNames: ['provider', 'model', 'role', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

export const retrievalSeconds = new Histogram({
  name: 'quarry_retrieval_seconds',
  help: 'Knowledge-base search latency (embedding, search and reranking), by mode',
  labelNames: ['mode'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const ingestedChunks = new Counter({
  name: 'quarry_ingested_chunks_total',
  help: 'Chunks written to knowledge bases',
  registers: [registry],
});

export const engineVectors = new Counter({
  name: 'quarry_engine_vectors_total',
  help: "Vectors of chunks' texts the extractive engine compared: stored at ingestion, or computed (chunks ingested before)",
  labelNames: ['source'] as const,
  registers: [registry],
});

export const ingestedPages = new Counter({
  name: 'quarry_ingested_pages_total',
  help: 'Pages (or whole files without pages) ingested',
  registers: [registry],
});

export const ingestStageSeconds = new Counter({
  name: 'quarry_ingest_stage_seconds_total',
  help: 'Time spent per ingestion stage: parse, embed, index',
  labelNames: ['stage'] as const,
  registers: [registry],
});

/** `provider:model` as configured, split for labels. */
export function modelLabels(modelId: string): { provider: string; model: string } {
  const colon = modelId.indexOf(':');
  return colon < 0
    ? { provider: modelId, model: '' }
    : { provider: modelId.slice(0, colon), model: modelId.slice(colon + 1) };
}

export const temporalClientCalls = new Counter({
  name: 'quarry_temporal_client_calls_total',
  help: "Calls this process's Temporal client made (the API's, not the worker's), by gRPC method",
  labelNames: ['method'] as const,
  registers: [registry],
});

export const workflowStarts = new Counter({
  name: 'quarry_workflow_starts_total',
  help: 'Workflows this process started, by whether the server handed the first workflow task straight to the embedded worker (eager start)',
  labelNames: ['eager'] as const,
  registers: [registry],
});

export const tokenFrames = new Counter({
  name: 'quarry_token_frames_total',
  help: 'Frames of live answer tokens published across processes (PostgreSQL), sent or dropped',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const tokenListenerConnects = new Counter({
  name: 'quarry_token_listener_connects_total',
  help: 'Connections of the token listener: more than one means it was lost and reconnected',
  registers: [registry],
});
