import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { toProvisionError } from './errors';
import { checkEnvPath, findTemporalOnPath } from './existing-copies';
import { defaultDownloaders } from './downloaders';
import { withFileLock } from './file-lock';
import {
  installStagedFiles,
  isInstalled,
  makeStagingDir,
  removeLeftoverStaging,
} from './staged-install';
import { cachedResultPath, TOOL_SPECS, type ToolSpec } from './tool-specs';
import type { Env, ProvisionedTool, ProvisionOptions, ToolName, ToolSource } from './types';

async function download(spec: ToolSpec, opts: ProvisionOptions, env: Env): Promise<ToolSource> {
  const { cacheDir, signal } = opts;
  const log = opts.log ?? (() => undefined);
  const lockPath = join(cacheDir, 'locks', `${spec.name}.lock`);
  return withFileLock(
    lockPath,
    async () => {
      // Another setup may have finished it while we waited for the lock.
      if (await isInstalled(spec, cacheDir)) return 'cached';
      await removeLeftoverStaging(cacheDir, spec);
      const stagingDir = await makeStagingDir(cacheDir, spec);
      try {
        const downloader = opts.downloaders?.[spec.name] ?? defaultDownloaders[spec.name];
        await downloader({ stagingDir, env, log, signal });
        await installStagedFiles(spec, stagingDir, cacheDir);
      } finally {
        await rm(stagingDir, { recursive: true, force: true });
      }
      return 'downloaded';
    },
    {
      ...opts.lock,
      signal,
      onWait: (holder) =>
        log(
          `${spec.name}: waiting for another quarry setup${holder ? ` (pid ${holder.pid})` : ''} to finish fetching ${spec.what}`,
        ),
    },
  );
}

async function resolveTool(spec: ToolSpec, opts: ProvisionOptions, env: Env) {
  const fromEnv = opts.tools[spec.configKey];
  if (fromEnv) return { path: await checkEnvPath(spec, fromEnv, env), source: 'env' as const };
  const cached = cachedResultPath(spec, opts.cacheDir);
  if (await isInstalled(spec, opts.cacheDir)) return { path: cached, source: 'cached' as const };
  if (spec.name === 'temporal') {
    const onPath = await findTemporalOnPath(env, opts.signal);
    if (onPath) return { path: onPath, source: 'path' as const };
  }
  return { path: cached, source: await download(spec, opts, env) };
}

/**
 * Finds or fetches one tool: env var → cache → (temporal only) PATH → download into the cache.
 * Throws ProvisionError with a user-facing message; cancellation rethrows the abort reason.
 */
export async function provisionTool(
  name: ToolName,
  opts: ProvisionOptions,
): Promise<ProvisionedTool> {
  const spec = TOOL_SPECS[name];
  const env = opts.env ?? process.env;
  try {
    const { path, source } = await resolveTool(spec, opts, env);
    return { name, version: spec.version, path, source };
  } catch (err) {
    throw toProvisionError(spec, err);
  }
}
