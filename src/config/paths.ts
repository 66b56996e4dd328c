import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** Per-user folder for tool binaries and model weights (never inside the repo). */
export function defaultCacheDir(env: Env = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'quarry');
}

/** Per-user folder for everything Quarry stores: Temporal's database, Weaviate's data. */
export function defaultDataDir(env: Env = process.env): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'quarry');
}
