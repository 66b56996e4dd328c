import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Routes the Temporal SDK's logs (worker, workflow and activity loggers, which carry workflowId,
 * runId and activity type) into pino. Once per process, before any worker is created.
 */
export function installTemporalRuntimeLogger(logger: PinoLogger): void {
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      logger[LEVELS[level]]({ ...meta, component: 'temporal' }, message);
    }),
  });
}
