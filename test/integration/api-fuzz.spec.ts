import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { ensureSchemathesis } from '../support/schemathesis';
import { startTestApp, type TestApp } from '../support/test-app';

/** The checks the fuzzer runs: no 5xx, every status documented, every body as documented. */
const CHECKS = 'not_a_server_error,status_code_conformance,response_schema_conformance';
const SEED = '20261201';
const MAX_EXAMPLES = '25';

function run(
  bin: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/**
 * Schemathesis (a fuzzer no one here wrote) against the OpenAPI spec of a real Quarry on the
 * suite's real stack. No webhook secret is set, so a task asking for a webhook is refused and no
 * generated URL is ever called; the only address the fuzzer is given is 127.0.0.1.
 */
describe('the API against Schemathesis', () => {
  let t: TestApp;
  let bin: string;
  const key = `fuzz-${randomUUID()}`;
  const work = mkdtempSync(join(tmpdir(), 'quarry-fuzz-'));
  beforeAll(async () => {
    const { cacheDir } = loadConfig(process.env).paths;
    bin = await ensureSchemathesis(cacheDir, (l) => process.stderr.write(`[fuzz] ${l}\n`));
    t = await startTestApp({
      QUARRY_API_KEYS: `fuzz:${key}`,
      QUARRY_WEBHOOK_SECRET: '',
      QUARRY_RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(t.config.webhookSecret).toBeUndefined();
  }, 900_000);
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('finds no server error, undocumented status or off-schema body', async () => {
    const base = new URL(t.url);
    expect(base.hostname).toBe('127.0.0.1');
    const { code, out } = await run(
      bin,
      [
        'run',
        `${t.url}/docs-json`,
        '--url',
        t.url,
        '--checks',
        CHECKS,
        '--max-examples',
        MAX_EXAMPLES,
        '--seed',
        SEED,
        '--header',
        `Authorization: Bearer ${key}`,
        '--max-redirects',
        '0',
        '--workers',
        '1',
        '--request-timeout',
        '60',
      ],
      work,
    );
    if (code !== 0) process.stderr.write(`schemathesis found failures:\n${out}\n`);
    expect({ code, summary: out.split('\n').filter((l) => /ST\d{3}|generated/.test(l)) }).toEqual({
      code: 0,
      summary: expect.any(Array),
    });
  }, 300_000);
});
