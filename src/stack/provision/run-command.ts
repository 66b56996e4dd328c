import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { CommandFailedError, CommandNotFoundError } from './errors';
import type { Env } from './types';

export interface RunOptions {
  env: Env;
  cwd?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Shown in error messages instead of the full argument list (temp paths are noise). */
  display?: string;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Picks the line that explains a failure; defaults to the last stderr (else stdout) line. */
  explain?: (stdout: string, stderr: string) => string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

const KEEP_CHARS = 64 * 1024;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

export function cleanLines(text: string): string[] {
  return text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function lastLine(stdout: string, stderr: string): string {
  return cleanLines(stderr).at(-1) ?? cleanLines(stdout).at(-1) ?? '';
}

export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks `name` up on the PATH of `env` (not the global one, so tests can control it). */
export async function findExecutable(name: string, env: Env): Promise<string | undefined> {
  if (isAbsolute(name)) return (await isExecutableFile(name)) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Runs a program without a shell, output captured; rejects with a one-line reason on failure. */
export async function runCommand(
  command: string,
  args: string[],
  o: RunOptions,
): Promise<RunResult> {
  const executable = await findExecutable(command, o.env);
  if (!executable) throw new CommandNotFoundError(command);
  o.signal?.throwIfAborted();
  const display = o.display ?? [command, ...args].join(' ');
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: o.cwd,
      env: o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: o.signal,
      timeout: o.timeoutMs,
    });
    const out = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out[stream] = (out[stream] + text).slice(-KEEP_CHARS);
      if (!o.onLine) return;
      const lines = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) o.onLine(line, stream);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (o.signal?.aborted) reject(o.signal.reason as Error);
      else if (err.code === 'ENOENT') reject(new CommandNotFoundError(command));
      else reject(new CommandFailedError(display, err.message));
    });
    child.once('close', (code, signal) => {
      if (o.signal?.aborted) return reject(o.signal.reason as Error);
      if (code === 0) return resolve(out);
      const explain = o.explain ?? lastLine;
      const detail =
        explain(out.stdout, out.stderr) ||
        (signal ? `killed by ${signal}${o.timeoutMs ? ' (timed out)' : ''}` : `exit code ${code}`);
      reject(new CommandFailedError(display, detail));
    });
  });
}
