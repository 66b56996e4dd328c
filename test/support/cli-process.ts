import type { ChildProcess } from 'node:child_process';

/** The environment for a `quarry` child that must bring up its own servers. */
export function ownStackEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of [
    'TEMPORAL_ADDRESS',
    'WEAVIATE_URL',
    'WEAVIATE_GRPC_URL',
    'WEAVIATE_API_KEY',
    'QUARRY_WORKFLOW_BUNDLE',
  ]) {
    delete env[name];
  }
  return env;
}

/** Resolves with everything the child printed once `pattern` appears; rejects if it exits first. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        done();
        resolve(out);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${out}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
