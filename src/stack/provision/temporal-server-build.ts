import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { goInstall } from './go-install';
import { runCommand } from './run-command';
import { TEMPORAL_SERVER_VERSION } from './tool-specs';
import type { DownloadContext } from './types';

const MODULE = 'go.temporal.io/server';
// The release's go.mod asks for a newer Go than Debian's; the toolchain comes from the module proxy.
const BUILD_ENV = { GOTOOLCHAIN: 'go1.26.10', CGO_ENABLED: '0' };

/**
 * Temporal server and its SQL schema tool, built from source (no prebuilt binary is published in
 * a registry we can reach). Installed as temporal-server and temporal-sql-tool.
 */
export async function buildTemporalServer(ctx: DownloadContext): Promise<void> {
  const started = Date.now();
  ctx.log(
    `temporal-server: building Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool with go install (the first build takes a few minutes)`,
  );
  const parts = [
    ['cmd/server', 'server', 'temporal-server'],
    ['cmd/tools/sql', 'sql', 'temporal-sql-tool'],
  ] as const;
  for (const [pkg, built, name] of parts) {
    await goInstall(
      ctx,
      'temporal-server',
      `${MODULE}/${pkg}@${TEMPORAL_SERVER_VERSION}`,
      BUILD_ENV,
    );
    await rename(join(ctx.stagingDir, built), join(ctx.stagingDir, name));
  }
  ctx.log(`temporal-server: built in ${Math.round((Date.now() - started) / 1000)} s`);
  const { stdout } = await runCommand(join(ctx.stagingDir, 'temporal-server'), ['--help'], {
    env: ctx.env,
    signal: ctx.signal,
    timeoutMs: 60_000,
    display: 'temporal-server --help',
  });
  if (!stdout.includes('Temporal server')) {
    throw new Error('the built temporal-server does not run (its --help output is unexpected)');
  }
}
