import { spawnSync } from 'node:child_process';
import { readdir, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProvisionError, provisionTools, type DownloadContext } from '../../src/stack/provision';
import { CACHED, removeTempDirs, tempDir, writeFileAt, writeScript } from './provision-fixtures';

afterAll(removeTempDirs);

function countingChatDownloader(delayMs: number) {
  const calls: string[] = [];
  const download = async ({ stagingDir }: DownloadContext) => {
    calls.push(stagingDir);
    await sleep(delayMs);
    await writeFileAt(join(stagingDir, 'SmolLM2-135M-Instruct.Q4_1.gguf'), 'gguf');
  };
  return { calls, download };
}

async function writeLock(cacheDir: string, pid: number): Promise<string> {
  const holder = { pid, host: hostname(), token: 'someone-else', since: new Date().toISOString() };
  return writeFileAt(join(cacheDir, 'locks', 'chat.lock'), JSON.stringify(holder));
}

describe('provisioning lock', () => {
  it('two concurrent provisions of the same tool download it once', async () => {
    const cacheDir = await tempDir();
    const { calls, download } = countingChatDownloader(300);
    const waits: string[] = [];
    const opts = {
      cacheDir,
      tools: {},
      only: ['chat' as const],
      downloaders: { chat: download },
      lock: { pollMs: 20 },
      log: (l: string) => waits.push(l),
    };
    const [a, b] = await Promise.all([provisionTools(opts), provisionTools(opts)]);
    expect(calls).toHaveLength(1);
    expect(a.chatModelPath).toBe(join(cacheDir, CACHED.chat));
    expect(b).toEqual(a);
    expect(waits.some((l) => l.includes('waiting for another quarry setup'))).toBe(true);
    expect(await readdir(join(cacheDir, 'locks'))).toEqual([]);
  });

  it('breaks a lock whose holder process is dead', async () => {
    const cacheDir = await tempDir();
    const dead = spawnSync('true').pid;
    await writeLock(cacheDir, dead);
    const { calls, download } = countingChatDownloader(0);
    const opts = { cacheDir, tools: {}, only: ['chat' as const], downloaders: { chat: download } };
    await provisionTools({ ...opts, lock: { pollMs: 20 } });
    expect(calls).toHaveLength(1);
  });

  it('breaks a lock older than the stale age even if its holder looks alive', async () => {
    const cacheDir = await tempDir();
    const lock = await writeLock(cacheDir, process.pid);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const { calls, download } = countingChatDownloader(0);
    const opts = { cacheDir, tools: {}, only: ['chat' as const], downloaders: { chat: download } };
    await provisionTools({ ...opts, lock: { pollMs: 20, staleMs: 30_000 } });
    expect(calls).toHaveLength(1);
  });

  it('a failed download leaves nothing at the cached path and releases the lock', async () => {
    const cacheDir = await tempDir();
    const failing = async ({ stagingDir }: DownloadContext) => {
      await writeScript(join(stagingDir, 'temporal'), 'echo half');
      throw new Error('connection reset by peer');
    };
    const err: unknown = await provisionTools({
      cacheDir,
      tools: {},
      only: ['temporal'],
      env: { PATH: '' },
      downloaders: { temporal: failing },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toBe(
      'Could not get Temporal CLI 1.9.1: connection reset by peer. Set QUARRY_TEMPORAL_BIN to the path of an existing temporal binary (Temporal CLI 1.9.x).',
    );
    expect(await readdir(cacheDir).then((d) => d.sort())).toEqual(['locks', 'tmp']);
    expect(await readdir(join(cacheDir, 'tmp'))).toEqual([]);
    expect(await readdir(join(cacheDir, 'locks'))).toEqual([]);
  });

  it('cancellation stops the download and rethrows the abort', async () => {
    const cacheDir = await tempDir();
    const controller = new AbortController();
    const slow = async ({ signal }: DownloadContext) => {
      await sleep(10_000, undefined, { signal });
    };
    setTimeout(() => controller.abort(), 50);
    const err: unknown = await provisionTools({
      cacheDir,
      tools: {},
      only: ['chat'],
      signal: controller.signal,
      downloaders: { chat: slow },
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(await readdir(join(cacheDir, 'locks'))).toEqual([]);
  });
});
