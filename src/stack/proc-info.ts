import { readFileSync } from 'node:fs';

/** What /proc tells about a process: enough to recognise a server Quarry started earlier. */
export interface ProcInfo {
  /** Clock ticks after boot when it started: a recycled pid has another value. */
  startTicks: number;
  cmdline: string[];
  /** Empty when not readable (another user's process when we are not root). */
  environ: string[];
}

function nulSplit(path: string): string[] {
  try {
    return readFileSync(path, 'latin1').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The process behind `pid`, or undefined when there is none or it is a zombie: a server killed
 * together with its parent stays a zombie until init reaps it, and `kill(pid, 0)` still succeeds.
 */
export function procInfo(pid: number): ProcInfo | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces and parentheses) follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return {
    startTicks: Number(fields[19]),
    cmdline: nulSplit(`/proc/${pid}/cmdline`),
    environ: nulSplit(`/proc/${pid}/environ`),
  };
}

/** True while `pid` runs (zombies are dead). Falls back to a signal probe without /proc. */
export function isLive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    readFileSync(`/proc/${pid}/stat`);
  } catch {
    return true; // no /proc here: trust the signal probe
  }
  return procInfo(pid) !== undefined;
}
