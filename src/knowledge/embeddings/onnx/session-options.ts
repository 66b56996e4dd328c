import type { InferenceSession } from 'onnxruntime-node';

/**
 * ONNX Runtime's options for the embedding model. Its intra-op threads spin between parallel
 * sections by default; a query's embedding is a few short sections, so on a 2-core machine the
 * spinning burned as much CPU as the work and took the core the API and the worker needed. With
 * spinning off, a one-query run took 0.6× the CPU and no more wall time, and a batch of 8-16
 * texts 0.8-0.9× the CPU (scripts/onnx-spinning; docs/BENCHMARKS.md, "Orchestration, sixth part").
 */
export function onnxSessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
