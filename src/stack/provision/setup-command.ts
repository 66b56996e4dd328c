import { isAbortError, ProvisionError } from './errors';
import { provisionTool } from './provision-tool';
import { TOOL_SPECS } from './tool-specs';
import { ensurePostgres } from './postgres-install';
import {
  PRODUCTION_TOOL_NAMES,
  TOOL_NAMES,
  type ProvisionedTool,
  type ProvisionOptions,
} from './types';

export type SetupOptions = ProvisionOptions & {
  log: (line: string) => void;
  /** `production` adds the Temporal server build and PostgreSQL. */
  stack?: 'dev' | 'production';
  postgresBinDir?: string;
  /** Where failures go; defaults to stderr. */
  errorLog?: (line: string) => void;
};

function sourceLabel(tool: ProvisionedTool): string {
  switch (tool.source) {
    case 'env':
      return `from ${TOOL_SPECS[tool.name].envVar}`;
    case 'cached':
      return 'cached';
    case 'path':
      return 'on PATH';
    case 'downloaded':
      return tool.name === 'weaviate' || tool.name === 'temporal-server' ? 'built' : 'downloaded';
  }
}

/** `quarry setup`: provides every tool, one line each; returns the process exit code. */
export async function runSetup(opts: SetupOptions): Promise<number> {
  const errorLog = opts.errorLog ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const production = opts.stack === 'production';
  const names = opts.only ?? (production ? [...TOOL_NAMES, ...PRODUCTION_TOOL_NAMES] : TOOL_NAMES);
  const versionWidth = Math.max(...names.map((n) => TOOL_SPECS[n].version.length));
  let failed = false;
  // Keep going after a failure: one missing client tool should not block the others.
  for (const name of names) {
    try {
      const tool = await provisionTool(name, opts);
      opts.log(
        `${name.padEnd(10)} ${tool.version.padEnd(versionWidth)}  ${tool.path} (${sourceLabel(tool)})`,
      );
    } catch (err) {
      if (isAbortError(err)) {
        errorLog('quarry setup: cancelled');
        return 130;
      }
      const message = err instanceof ProvisionError ? err.message : String(err).split('\n')[0];
      errorLog(`quarry setup: ${message}`);
      failed = true;
    }
  }
  if (production) {
    try {
      const pg = await ensurePostgres({
        env: opts.env ?? process.env,
        configured: opts.postgresBinDir,
        log: opts.log,
      });
      opts.log(
        `${'postgres'.padEnd(10)} ${''.padEnd(versionWidth)}  ${pg.binDir} (${pg.installed ? 'installed with apt-get' : 'installed'})`,
      );
    } catch (err) {
      errorLog(`quarry setup: ${err instanceof Error ? err.message : String(err)}`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
