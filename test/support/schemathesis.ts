import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from '../../src/stack/provision/file-lock';
import { runCommand } from '../../src/stack/provision/run-command';

/** The newest 4.32.x on PyPI when the fuzz test was written; the run's seed fixes the rest. */
export const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * The `schemathesis` CLI in a virtualenv under the quarry cache (`tools/schemathesis-<version>`),
 * installed from PyPI the first time. Idempotent and locked like `quarry setup`: the marker file is
 * written last, and a folder without it (an interrupted install) is removed and done again.
 */
export async function ensureSchemathesis(
  cacheDir: string,
  log: (line: string) => void,
): Promise<string> {
  const dir = join(cacheDir, 'tools', `schemathesis-${SCHEMATHESIS_VERSION}`);
  const bin = join(dir, 'bin', 'schemathesis');
  const marker = join(dir, '.quarry-installed');
  const installed = async () => {
    try {
      await access(bin);
      return (await readFile(marker, 'utf8')).trim() === SCHEMATHESIS_VERSION;
    } catch {
      return false;
    }
  };
  if (await installed()) return bin;
  const lock = join(cacheDir, 'locks', `schemathesis-${SCHEMATHESIS_VERSION}.lock`);
  return withFileLock(
    lock,
    async () => {
      if (await installed()) return bin;
      log(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${dir}`);
      await rm(dir, { recursive: true, force: true });
      const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
      await runCommand('python3', ['-m', 'venv', dir], { env, timeoutMs: 120_000 });
      await runCommand(
        join(dir, 'bin', 'python'),
        ['-m', 'pip', 'install', '--no-input', `schemathesis==${SCHEMATHESIS_VERSION}`],
        { env, timeoutMs: 900_000, display: `pip install schemathesis==${SCHEMATHESIS_VERSION}` },
      );
      const { stdout } = await runCommand(bin, ['--version'], { env, timeoutMs: 60_000 });
      if (!stdout.includes(SCHEMATHESIS_VERSION))
        throw new Error(`installed schemathesis says "${stdout.trim()}"`);
      await writeFile(marker, `${SCHEMATHESIS_VERSION}\n`);
      return bin;
    },
    { onWait: () => log('another process is installing schemathesis; waiting') },
  );
}
