import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockHolder {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface LockOptions {
  staleMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
}

const DEFAULT_STALE_MS = 30 * 60_000;

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockHolder;
  } catch {
    return undefined; // vanished, or its creator has not written it yet
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(path: string, holder: LockHolder | undefined, staleMs: number) {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return false; // already gone: the next create attempt decides
  }
  if (Date.now() - mtimeMs > staleMs) return true;
  // A pid only means something on the machine that wrote it (the cache may be shared).
  return holder !== undefined && holder.host === hostname() && !pidAlive(holder.pid);
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(JSON.stringify(holder));
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Runs `fn` while holding an exclusive lock file. The lock only saves duplicate work: installs are
 * atomic renames, so even two holders (after a racy stale-lock break) leave a correct cache.
 */
export async function withFileLock<T>(
  path: string,
  fn: () => Promise<T>,
  o: LockOptions = {},
): Promise<T> {
  const staleMs = o.staleMs ?? DEFAULT_STALE_MS;
  const pollMs = o.pollMs ?? 500;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    token: randomUUID(),
    since: new Date().toISOString(),
  };
  await mkdir(dirname(path), { recursive: true });
  let waited = false;
  while (!(await tryCreate(path, me))) {
    const holder = await readHolder(path);
    if (await isStale(path, holder, staleMs)) {
      await rm(path, { force: true });
      continue;
    }
    if (!waited) o.onWait?.(holder);
    waited = true;
    await sleep(pollMs, undefined, { signal: o.signal });
  }
  // Refresh the mtime so a long build is never mistaken for a stale lock.
  const heartbeat = setInterval(
    () => {
      const now = new Date();
      void utimes(path, now, now).catch(() => undefined);
    },
    Math.max(1000, Math.min(staleMs / 3, 60_000)),
  );
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    const holder = await readHolder(path);
    if (holder?.token === me.token) await rm(path, { force: true });
  }
}
