import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardedCommand, STACK_CHILD_ENV } from './orphan-guard';
import type { ServerLock } from './server-lock';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Child stdout and stderr are appended here, so a failed start can be explained. */
  logFile: string;
  /** Run as this user (PostgreSQL refuses root). */
  runAs?: string;
  /** The data path's lock: it learns the pid at spawn and is released when the process ends. */
  lock?: ServerLock;
  /** The folder the child belongs to, set in its environment so a later start can recognise it. */
  marker?: string;
  /** The signal that asks for a clean stop (PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** Called when the process ends without being asked to stop: a crash to report. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

// Children run in their own process groups, so they would outlive a parent that dies without
// stopping them (a crashed test run, an uncaught error). Kill what is left when we exit.
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A long-running child (Temporal dev server, Weaviate) with readiness and a graceful stop. */
export class ManagedProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<number | null>;
  private exitCode: number | null | undefined;
  private tail: string[] = [];
  private stopping = false;

  constructor(readonly options: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  start(): void {
    const { env, cwd, logFile, lock, marker } = this.options;
    this.log = createWriteStream(logFile, { flags: 'a' });
    this.exitCode = undefined;
    this.tail = [];
    this.stopping = false;
    const { command, args } = guardedCommand(
      this.options.command,
      this.options.args,
      this.options.runAs,
    );
    // detached: the child gets its own process group, so Ctrl-C in a terminal reaches only us and
    // we stop the servers in order (and a stop never leaves a server's own children behind).
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        ...env,
        ...(marker || lock ? { [STACK_CHILD_ENV]: marker ?? lock?.dataPath } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    if (child.pid !== undefined) {
      live.add(child.pid);
      lock?.recordPid(child.pid);
    }
    const onData = (chunk: Buffer) => {
      this.log?.write(chunk);
      this.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.tail.length > 40) this.tail.splice(0, this.tail.length - 40);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        this.tail.push(String(err));
        this.exitCode = -1;
        lock?.release();
        resolve(-1);
      });
      child.once('exit', (code, signal) => {
        if (child.pid !== undefined) live.delete(child.pid);
        this.exitCode = code ?? (signal ? -1 : null);
        lock?.release();
        if (!this.stopping) this.options.onUnexpectedExit?.(code, signal);
        resolve(this.exitCode);
      });
    });
  }

  /** Polls `probe` until it resolves true; fails early, with the child's last output, if it exits. */
  async waitUntilReady(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `${this.options.name} exited (code ${this.exitCode}) before it was ready. Last output:\n${this.lastOutput()}\nFull log: ${this.options.logFile}`,
        );
      }
      if (await probe().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error(
      `${this.options.name} was not ready after ${Math.round(timeoutMs / 1000)} s. Last output:\n${this.lastOutput()}\nFull log: ${this.options.logFile}`,
    );
  }

  lastOutput(lines = 15): string {
    return this.tail.slice(-lines).join('\n');
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running || child.pid === undefined) return this.closeLog();
    this.stopping = true;
    this.signal(this.options.stopSignal ?? 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
    );
    const done = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (done === 'timeout') {
      this.signal('SIGKILL');
      await this.exited;
    }
    await this.closeLog();
  }

  /** Kills without a grace period: used by fault-injection tests. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.signal('SIGKILL');
    await this.exited;
    await this.closeLog();
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  }

  private closeLog(): Promise<void> {
    const log = this.log;
    this.log = undefined;
    return new Promise((resolve) => (log ? log.end(() => resolve()) : resolve()));
  }
}
