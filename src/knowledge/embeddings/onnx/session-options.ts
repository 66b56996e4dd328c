import type { InferenceSession } from 'onnxruntime-node';

/**
 * ONNX Runtime's options for the embedding model. Its intra-op threads spin between parallel
 * sections by default; a query's embedding is a few short sections, so on a 2-core machine the
 * spinning burned as much CPU as the work and took the core the API and the worker needed. With
 * spinning off, a one-query run took 0.6× the CPU and no more wall time, and a 16-text batch
 * 0.9× of both (docs/BENCHMARKS.md, "ONNX Runtime's spinning threads").
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
