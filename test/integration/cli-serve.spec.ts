import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli } from '../support/run-cli';

/** `quarry serve` against the suite's stack: where it may listen, and the address it prints. */
describe('quarry serve', () => {
  beforeAll(() => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js')))
      throw new Error('run `npm run build` first');
  });

  it('refuses a non-loopback address without API keys, naming the variables', async () => {
    // 192.0.2.1 (TEST-NET-1) is on no interface here: nothing could listen there even if allowed.
    const { code, stderr } = await runCli(['serve'], {
      QUARRY_HOST: '192.0.2.1',
      QUARRY_API_KEYS: '',
      QUARRY_EMBEDDED_WORKER: 'false',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('QUARRY_HOST="192.0.2.1"');
    expect(stderr).toContain('QUARRY_API_KEYS');
    expect(stderr).toContain('QUARRY_ALLOW_UNAUTHENTICATED=true');
  });

  it('prints the address it really listens on (PORT=0 picks a free port)', async () => {
    const child = spawn(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, PORT: '0', QUARRY_API_KEYS: '', QUARRY_EMBEDDED_WORKER: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no address printed:\n${out}`)), 60_000);
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = /API on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (c) => reject(new Error(`exited with ${c}:\n${out}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toMatch(/:0$/);
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
