import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';
import { setWorkerMetricsUrl } from '../metrics/worker-metrics';
import { freePort } from '../stack/free-port';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Installs the Temporal runtime once per process, before any worker is created: the SDK's logs
 * (worker, workflow and activity loggers, which carry workflowId, runId and activity type) go into
 * pino, and the worker's own metrics to a loopback Prometheus endpoint that `/metrics` includes.
 */
export async function installTemporalRuntimeLogger(logger: PinoLogger): Promise<void> {
  const port = await freePort();
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      logger[LEVELS[level]]({ ...meta, component: 'temporal' }, message);
    }),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } },
  });
  setWorkerMetricsUrl(`http://127.0.0.1:${port}/metrics`);
}
