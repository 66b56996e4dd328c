import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isPortFree } from '../../src/stack/free-port';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'quarry.js');

function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
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

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${out}`));
    });
  });
}

interface Described {
  documents: { total: number; indexed: number; failed: number };
  chunks: number;
}

/** Polls the demo knowledge base until every handbook file is in (or the time runs out). */
async function waitForDemoKnowledgeBase(port: number, files: number): Promise<Described> {
  const deadline = Date.now() + 90_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/collections/quarry-docs`);
    last = await res.json();
    const docs = res.status === 200 ? (last as Described).documents : undefined;
    if (docs && docs.indexed + docs.failed === files) return last as Described;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`quarry-docs was not filled in time; last answer: ${JSON.stringify(last)}`);
}

describe('the README start command (`quarry start`)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js')))
      throw new Error('run `npm run build` first');
  });

  it('brings up Temporal, Weaviate and Quarry; /health is 200; fills quarry-docs; SIGINT stops everything', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'quarry-cli-')), 'data');
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'start'], {
      env: cliEnv({
        PORT: String(port),
        QUARRY_DATA_DIR: dataDir,
        QUARRY_LOG_LEVEL: 'warn',
        QUARRY_DEMO_KB: 'true',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const banner = await waitForLine(child, /press Ctrl-C to stop/, 150_000);
      expect(banner).toContain(`http://127.0.0.1:${port}`);
      expect(banner).toMatch(/local mode/);
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { checks: object }).checks).toEqual({
        temporal: 'up',
        weaviate: 'up',
        models: 'up',
        worker: 'up',
      });
      // /metrics carries Quarry's metrics and the Temporal worker's own (from the SDK runtime).
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^quarry_tasks\{status="running"\} \d+$/m);
      expect(metrics).toMatch(/^temporal_[a-z_]+/m);
      // A fresh data folder: the handbook goes into the demo knowledge base in the background.
      const handbook = readdirSync(join(root, 'kb', 'quarry-handbook')).filter((n) =>
        n.endsWith('.md'),
      );
      const demo = await waitForDemoKnowledgeBase(port, handbook.length);
      expect(demo.documents).toEqual({
        total: handbook.length,
        indexed: handbook.length,
        failed: 0,
      });
      expect(demo.chunks).toBeGreaterThan(handbook.length);
      const search = (await (
        await fetch(`http://127.0.0.1:${port}/v1/collections/quarry-docs/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'QUARRY_DEMO_KB', limit: 3 }),
        })
      ).json()) as { hits: { source: string; text: string }[] };
      expect(search.hits[0].text).toContain('QUARRY_DEMO_KB');
      expect(handbook).toContain(search.hits[0].source);
      // Logged: the start of the ingestion, then its outcome.
      expect(output).toContain(
        `demo knowledge base quarry-docs: ingesting ${handbook.length} handbook files`,
      );
      for (let i = 0; i < 50 && !/quarry-docs ready/.test(output); i++)
        await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain(`quarry-docs ready: ${handbook.length} documents`);
      const state = JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as {
        temporalPorts: { grpc: number };
        weaviatePorts: { http: number };
      };

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(await isPortFree(port)).toBe(true);
      expect(await isPortFree(state.temporalPorts.grpc)).toBe(true);
      expect(await isPortFree(state.weaviatePorts.http)).toBe(true);
      expect(existsSync(join(dataDir, 'stack.lock'))).toBe(false);
      expect(existsSync(join(dataDir, 'temporal', 'temporal.sqlite'))).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 300_000);

  it('`quarry setup` names the env variable when a configured tool path does not exist', () => {
    const run = spawnSync(process.execPath, [cli, 'setup'], {
      env: cliEnv({ QUARRY_WEAVIATE_BIN: '/nonexistent/weaviate-server' }),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('QUARRY_WEAVIATE_BIN');
    expect(run.stderr).toContain('/nonexistent/weaviate-server');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects a bad configuration value with one clear message', () => {
    const run = spawnSync(process.execPath, [cli, 'serve'], {
      env: cliEnv({ PORT: 'eighty' }),
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/PORT="eighty": must be a port number/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
