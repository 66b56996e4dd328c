let url: string | undefined;

/** Where the Temporal runtime serves the worker's metrics in this process (set at install). */
export function setWorkerMetricsUrl(value: string): void {
  url = value;
}

/**
 * The Temporal worker's own metrics (task slots, poll latencies, activity and workflow task
 * counts), in Prometheus text; empty when this process has no runtime exporter.
 */
export async function workerMetrics(): Promise<string> {
  if (!url) return '';
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}
