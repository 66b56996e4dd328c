import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { envPathProblem } from './errors';
import { findExecutable, runCommand } from './run-command';
import type { ToolSpec } from './tool-specs';
import type { Env } from './types';

export interface EmbeddingModelFiles {
  onnx: string;
  tokenizer: string;
}

/** The model file and tokenizer in an embedding model directory, or which one is missing. */
export async function findEmbeddingModelFiles(
  dir: string,
): Promise<EmbeddingModelFiles | { missing: string }> {
  const names = (await readdir(dir)).sort();
  const onnx = names.find((n) => n.endsWith('.onnx'));
  const tokenizer =
    names.find((n) => n.endsWith('-tokenizer.json')) ??
    names.find((n) => n.endsWith('.json') && n.includes('tokenizer'));
  if (!onnx) return { missing: 'no .onnx file' };
  if (!tokenizer) return { missing: 'no tokenizer json file' };
  return { onnx: join(dir, onnx), tokenizer: join(dir, tokenizer) };
}

function expandHome(path: string, env: Env): string {
  return path === '~' || path.startsWith('~/') ? join(env.HOME ?? homedir(), path.slice(1)) : path;
}

/** Validates a path given by env var; returns it absolute, or throws a ProvisionError. */
export async function checkEnvPath(spec: ToolSpec, raw: string, env: Env): Promise<string> {
  const path = resolve(expandHome(raw, env));
  let s;
  try {
    s = await stat(path);
  } catch {
    throw envPathProblem(spec, path, 'does not exist');
  }
  if (spec.kind === 'model-dir') {
    if (!s.isDirectory()) throw envPathProblem(spec, path, 'is not a directory');
    const files = await findEmbeddingModelFiles(path);
    if ('missing' in files) throw envPathProblem(spec, path, `has ${files.missing}`);
    return path;
  }
  if (!s.isFile()) throw envPathProblem(spec, path, 'is not a file');
  if (spec.kind === 'executable') {
    try {
      await access(path, constants.X_OK);
    } catch {
      throw envPathProblem(spec, path, 'is not executable');
    }
  }
  return path;
}

/** A `temporal` on PATH counts only if it is CLI 1.9.x, the release Quarry is tested against. */
export async function findTemporalOnPath(
  env: Env,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const path = await findExecutable('temporal', env);
  if (!path) return undefined;
  try {
    const { stdout, stderr } = await runCommand(path, ['--version'], {
      env,
      signal,
      timeoutMs: 20_000,
    });
    return /\bversion 1\.9\.\d+/.test(stdout + stderr) ? path : undefined;
  } catch (err) {
    if (signal?.aborted) throw err;
    return undefined;
  }
}
