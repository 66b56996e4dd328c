import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/stack/free-port';
import { procInfo } from '../../src/stack/proc-info';
import { ownStackEnv, waitForOutput } from '../support/cli-process';
import { privateStack } from '../support/private-stack';
import { CLI } from '../support/run-cli';
import { allGone, readProbe, serverPid, stackState, writeProbe } from '../support/stack-probe';

const root = join(__dirname, '..', '..');

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * `kill -9` of Quarry (what the OOM killer does) must not leave its servers holding the data
 * folder: the kernel kills them with Quarry (setpriv --pdeathsig), and where that is not
 * available the next start finds them by their data path's lock and stops them.
 */
describe('the local stack after Quarry is killed with SIGKILL', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js')))
      throw new Error('run `npm run build` first');
  });

  it('`quarry start` killed: its servers die with it; the next start comes up on the same ports with the data', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'quarry-crash-')), 'data');
    const env = ownStackEnv({
      PORT: String(await freePort()),
      QUARRY_DATA_DIR: dataDir,
      QUARRY_LOG_LEVEL: 'warn',
    });
    const first = spawn(process.execPath, [CLI, 'start'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let second: ChildProcess | undefined;
    try {
      await waitForOutput(first, /press Ctrl-C to stop/, 180_000);
      const pids = [serverPid(join(dataDir, 'temporal')), serverPid(join(dataDir, 'weaviate'))];
      const ports = stackState(dataDir);
      await writeProbe(dataDir, '崩溃之后 / after the crash');

      await killHard(first);
      expect(await allGone(pids, 10_000)).toBe(true);

      const t0 = Date.now();
      second = spawn(process.execPath, [CLI, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      await waitForOutput(second, /press Ctrl-C to stop/, 90_000);
      process.stderr.write(`second start after kill -9: ${Date.now() - t0} ms\n`);
      expect(stackState(dataDir).weaviatePorts).toEqual(ports.weaviatePorts);
      expect(stackState(dataDir).temporalPorts.grpc).toBe(ports.temporalPorts.grpc);
      expect(await readProbe(dataDir)).toEqual({
        notes: ['崩溃之后 / after the crash'],
        workflow: 'RUNNING',
      });
      const exited = new Promise<number | null>((resolve) => second!.once('exit', resolve));
      second.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      await killHard(first);
      if (second) await killHard(second);
    }
  }, 360_000);

  it('without setpriv the servers outlive a killed stack; the next start stops them and reuses their ports and data', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'quarry-orphans-')), 'data');
    // A stack in a child process whose PATH has no setpriv: nothing asks the kernel to kill its servers.
    const script = `
      const { LocalStack } = require(${JSON.stringify(join(root, 'dist', 'src', 'stack', 'local-stack.js'))});
      const stack = new LocalStack({
        dataDir: ${JSON.stringify(dataDir)}, namespace: 'quarry', external: {}, ui: false,
        binaries: async () => ({ temporal: process.env.QUARRY_TEMPORAL_BIN, weaviate: process.env.QUARRY_WEAVIATE_BIN }),
      });
      stack.start().then(() => console.log('stack ready'), (e) => { console.error(e); process.exit(1); });
      setInterval(() => undefined, 1 << 30);`;
    const child = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, PATH: join(dataDir, 'no-such-bin') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitForOutput(child, /stack ready/, 180_000);
      const pids = [serverPid(join(dataDir, 'temporal')), serverPid(join(dataDir, 'weaviate'))];
      const ports = stackState(dataDir);
      await writeProbe(dataDir, '孤儿进程 / orphans');
      await killHard(child);
      expect(await allGone(pids, 3_000)).toBe(false); // the leftovers the next start must handle
      expect(pids.every((p) => procInfo(p) !== undefined)).toBe(true);

      const lines: string[] = [];
      const stack = privateStack(dataDir, {}, (l) => lines.push(l));
      try {
        await stack.start();
        expect(await allGone(pids, 1_000)).toBe(true);
        expect(lines.join('\n')).toMatch(/stopping a Weaviate \(pid \d+\) left running/);
        expect(lines.join('\n')).toMatch(/stopping a Temporal dev server \(pid \d+\) left running/);
        // Weaviate's Raft log records its addresses; clients know Temporal by its gRPC port.
        expect(stackState(dataDir).weaviatePorts).toEqual(ports.weaviatePorts);
        expect(stackState(dataDir).temporalPorts.grpc).toBe(ports.temporalPorts.grpc);
        expect(await readProbe(dataDir)).toEqual({
          notes: ['孤儿进程 / orphans'],
          workflow: 'RUNNING',
        });
      } finally {
        await stack.stop();
      }
    } finally {
      await killHard(child);
    }
  }, 360_000);
});
