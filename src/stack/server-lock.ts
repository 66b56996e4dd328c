import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { STACK_CHILD_ENV } from './orphan-guard';
import { isLive, procInfo } from './proc-info';

/** What a server's lock records: enough to find the server again after Quarry died. */
export interface ServerRecord {
  name: string;
  binary: string;
  dataPath: string;
  /** The Quarry process that started it, and when that process started (pids are recycled). */
  owner: number;
  ownerTicks?: number;
  pid?: number;
  startTicks?: number;
  stopSignal: NodeJS.Signals;
}

export const SERVER_LOCK_FILE = 'quarry-server.lock';

function readRecord(file: string): ServerRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ServerRecord;
  } catch {
    return undefined; // vanished, or torn by a crash mid-write: stale either way
  }
}

/** The recorded server if it still runs: same pid, same start time, same binary, same data path. */
export function liveServer(rec: ServerRecord | undefined): number | undefined {
  if (!rec?.pid) return undefined;
  const info = procInfo(rec.pid);
  if (!info) return undefined;
  if (rec.startTicks !== undefined && info.startTicks !== rec.startTicks) return undefined;
  if (!info.cmdline.includes(rec.binary)) return undefined;
  const marked = info.environ.includes(`${STACK_CHILD_ENV}=${rec.dataPath}`);
  const named = info.cmdline.some((a) => a.includes(rec.dataPath));
  return marked || named ? rec.pid : undefined;
}

function ownerLive(rec: ServerRecord): boolean {
  if (rec.owner === process.pid || !isLive(rec.owner)) return false;
  return rec.ownerTicks === undefined || procInfo(rec.owner)?.startTicks === rec.ownerTicks;
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
}

/** Stops a server left behind by a Quarry that died: its stop signal, then SIGKILL after `graceMs`. */
export async function stopLeftover(rec: ServerRecord, pid: number, graceMs = 20_000) {
  signalGroup(pid, rec.stopSignal);
  const deadline = Date.now() + graceMs;
  while (procInfo(pid) && Date.now() < deadline) await sleep(100);
  if (procInfo(pid)) signalGroup(pid, 'SIGKILL');
  while (procInfo(pid)) await sleep(50);
}

/**
 * One server per data path. The lock file lives in the data path and names the server's pid, so
 * a start after a crash (Quarry killed, its servers not) finds the leftover, checks through /proc
 * that it is that server on that path, and stops it before starting a new one on the same ports.
 */
export class ServerLock {
  private constructor(
    readonly file: string,
    private record: ServerRecord,
  ) {}

  static async claim(o: {
    name: string;
    binary: string;
    dataPath: string;
    stopSignal?: NodeJS.Signals;
    log?: (line: string) => void;
  }): Promise<ServerLock> {
    const file = join(o.dataPath, SERVER_LOCK_FILE);
    const record: ServerRecord = {
      name: o.name,
      binary: o.binary,
      dataPath: o.dataPath,
      owner: process.pid,
      ownerTicks: procInfo(process.pid)?.startTicks,
      stopSignal: o.stopSignal ?? 'SIGTERM',
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, JSON.stringify(record));
        closeSync(fd);
        return new ServerLock(file, record);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const held = readRecord(file);
      const pid = liveServer(held);
      if (held && ownerLive(held)) {
        throw new Error(
          `${held.name} on ${o.dataPath} belongs to another running Quarry (pid ${held.owner}${pid ? `, server pid ${pid}` : ''}). Stop it, or use another data folder.`,
        );
      }
      if (held && pid) {
        o.log?.(
          `stopping a ${held.name} (pid ${pid}) left running on ${o.dataPath} by a Quarry that died`,
        );
        await stopLeftover(held, pid);
      }
      try {
        unlinkSync(file);
      } catch {
        // another claimant removed it first
      }
    }
    throw new Error(`Could not lock ${o.dataPath} for ${o.name}`);
  }

  get dataPath(): string {
    return this.record.dataPath;
  }

  /** Records the server's pid once it is spawned (atomically: a crash never leaves half a file). */
  recordPid(pid: number): void {
    this.record = { ...this.record, pid, startTicks: procInfo(pid)?.startTicks };
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    writeSync(fd, JSON.stringify(this.record));
    closeSync(fd);
    renameSync(tmp, this.file);
  }

  /** Removes the lock if it is still ours. */
  release(): void {
    const held = readRecord(this.file);
    if (held && held.owner !== process.pid) return;
    try {
      unlinkSync(this.file);
    } catch {
      // already gone
    }
  }
}
