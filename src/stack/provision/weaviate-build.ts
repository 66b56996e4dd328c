import { join } from 'node:path';
import { runCommand } from './run-command';
import { WEAVIATE_VERSION } from './tool-specs';
import type { DownloadContext } from './types';

const PACKAGE = `github.com/weaviate/weaviate/cmd/weaviate-server@${WEAVIATE_VERSION}`;
const PROGRESS_EVERY_MS = 15_000;

/** Builds weaviate-server from source with `go install` (no prebuilt binary is published for us). */
export async function buildWeaviate(ctx: DownloadContext): Promise<void> {
  const started = Date.now();
  let modules = 0;
  let lastModule = '';
  ctx.log(
    `weaviate: building Weaviate server ${WEAVIATE_VERSION} with go install (the first build takes a few minutes)`,
  );
  // CI logs need a sign of life; go prints nothing while compiling.
  const ticker = setInterval(() => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    const fetched = modules ? `, ${modules} Go modules downloaded (last: ${lastModule})` : '';
    ctx.log(`weaviate: still building, ${elapsed} s elapsed${fetched}`);
  }, PROGRESS_EVERY_MS);
  ticker.unref();
  try {
    await runCommand('go', ['install', PACKAGE], {
      env: { ...ctx.env, CGO_ENABLED: '0', GOBIN: ctx.stagingDir },
      cwd: ctx.stagingDir,
      signal: ctx.signal,
      display: `CGO_ENABLED=0 go install ${PACKAGE}`,
      onLine: (line) => {
        const m = /^go: downloading (\S+)/.exec(line);
        if (!m) return;
        modules += 1;
        lastModule = m[1] ?? '';
      },
    });
  } finally {
    clearInterval(ticker);
  }
  ctx.log(`weaviate: built in ${Math.round((Date.now() - started) / 1000)} s`);
  const { stdout } = await runCommand(join(ctx.stagingDir, 'weaviate-server'), ['--help'], {
    env: ctx.env,
    signal: ctx.signal,
    timeoutMs: 60_000,
    display: 'weaviate-server --help',
  });
  if (!stdout.includes('weaviate-server')) {
    throw new Error('the built weaviate-server does not run (its --help output is unexpected)');
  }
}
