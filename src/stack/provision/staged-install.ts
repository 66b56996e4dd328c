import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isExecutableFile } from './run-command';
import type { ToolSpec } from './tool-specs';

// Downloads land in <cache>/tmp, on the same filesystem as their final place, so the last step
// is a rename: a killed setup can leave junk in tmp/ but never a half file at a cached path.
function tmpRoot(cacheDir: string): string {
  return join(cacheDir, 'tmp');
}

export async function makeStagingDir(cacheDir: string, spec: ToolSpec): Promise<string> {
  await mkdir(tmpRoot(cacheDir), { recursive: true });
  return mkdtemp(join(tmpRoot(cacheDir), `${spec.name}-`));
}

/** Clears what killed setups left behind; only safe while holding the tool's lock. */
export async function removeLeftoverStaging(cacheDir: string, spec: ToolSpec): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(tmpRoot(cacheDir));
  } catch {
    return;
  }
  for (const entry of entries.filter((e) => e.startsWith(`${spec.name}-`))) {
    await rm(join(tmpRoot(cacheDir), entry), { recursive: true, force: true });
  }
}

async function nonEmptyFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    return s.isFile() && s.size > 0;
  } catch {
    return false;
  }
}

export async function isInstalled(spec: ToolSpec, cacheDir: string): Promise<boolean> {
  for (const file of spec.files) {
    const path = join(cacheDir, spec.installDir, file);
    if (!(await nonEmptyFile(path))) return false;
    if (spec.kind === 'executable' && !(await isExecutableFile(path))) return false;
  }
  return true;
}

/** Moves the downloader's files into the cache, one rename each; checks completeness first. */
export async function installStagedFiles(
  spec: ToolSpec,
  stagingDir: string,
  cacheDir: string,
): Promise<void> {
  for (const file of spec.files) {
    if (!(await nonEmptyFile(join(stagingDir, file)))) {
      throw new Error(`the download did not produce ${file}`);
    }
  }
  const finalDir = join(cacheDir, spec.installDir);
  await mkdir(finalDir, { recursive: true });
  for (const file of spec.files) {
    if (spec.kind === 'executable') await chmod(join(stagingDir, file), 0o755);
    await rename(join(stagingDir, file), join(finalDir, file));
  }
}
