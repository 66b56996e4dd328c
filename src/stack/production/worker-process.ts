import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process';
import { ServerLock } from '../server-lock';

export interface WorkerCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The line `quarry worker` prints once it polls: the worker is ready. */
export const WORKER_READY = /worker polling task queue/;

/**
 * One `quarry worker` process. Its folder under the data folder holds its lock, so a worker left
 * running by a Quarry that died (without setpriv) is stopped by the next start like any server.
 */
export async function startWorkerProcess(o: {
  index: number;
  dataDir: string;
  logDir: string;
  run: WorkerCommand;
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void;
  log?: (line: string) => void;
}): Promise<ManagedProcess> {
  const dir = join(o.dataDir, 'workers', String(o.index));
  mkdirSync(dir, { recursive: true });
  const name = `worker ${o.index}`;
  const lock = await ServerLock.claim({ name, binary: o.run.command, dataPath: dir, log: o.log });
  const worker = new ManagedProcess({
    name,
    command: o.run.command,
    args: o.run.args,
    env: o.run.env,
    cwd: dir,
    logFile: join(o.logDir, `worker-${o.index}.log`),
    lock,
    onUnexpectedExit: o.onUnexpectedExit,
  });
  worker.start();
  return worker;
}
