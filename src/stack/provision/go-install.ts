import { runCommand } from './run-command';
import type { DownloadContext, Env } from './types';

const PROGRESS_EVERY_MS = 15_000;

/**
 * `go install` of one package into the staging folder, with a line of progress every 15 s (CI
 * logs need a sign of life; go prints nothing while compiling).
 */
export async function goInstall(
  ctx: DownloadContext,
  label: string,
  pkg: string,
  env: Env,
): Promise<void> {
  const started = Date.now();
  let modules = 0;
  let lastModule = '';
  const ticker = setInterval(() => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    const fetched = modules ? `, ${modules} Go modules downloaded (last: ${lastModule})` : '';
    ctx.log(`${label}: still building, ${elapsed} s elapsed${fetched}`);
  }, PROGRESS_EVERY_MS);
  ticker.unref();
  const shown = Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  try {
    await runCommand('go', ['install', pkg], {
      env: { ...ctx.env, ...env, GOBIN: ctx.stagingDir },
      cwd: ctx.stagingDir,
      signal: ctx.signal,
      display: `${shown} go install ${pkg}`,
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
}
