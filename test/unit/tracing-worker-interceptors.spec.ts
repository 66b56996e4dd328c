import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { tracingWorkerInterceptors } from '../../src/tracing/temporal-tracing';
import { startTracing, stopTracing } from '../../src/tracing/tracing';

describe("Temporal's tracing interceptors on a worker", () => {
  it('are left out while no span processor listens, so an untraced step pays nothing for them', () => {
    expect(tracingWorkerInterceptors(true)).toEqual({});
  });

  it('are installed, workflow modules included, once traces are exported', async () => {
    const processor = new SimpleSpanProcessor(new InMemorySpanExporter());
    startTracing(processor);
    try {
      const withModules = tracingWorkerInterceptors(true);
      expect(withModules.activity).toHaveLength(1);
      expect(withModules.workflowModules).toEqual([
        expect.stringContaining('interceptors-opentelemetry'),
      ]);
      // A prebuilt bundle carries the workflow side already.
      expect(tracingWorkerInterceptors(false).workflowModules).toBeUndefined();
    } finally {
      await stopTracing(processor);
    }
  });
});
