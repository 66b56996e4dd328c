import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { round } from './stats';

export interface ApiLoadFigures {
  path: string;
  connections: number;
  seconds: number;
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non_2xx: number;
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * autocannon's command line. It is a development dependency (the image installs none), so it is
 * looked for when the api section is asked for, before the bench starts its stack.
 */
export function autocannonCli(): string {
  try {
    return require.resolve('autocannon/autocannon.js');
  } catch {
    throw new Error(
      'the api section needs autocannon, a development dependency: install the development ' +
        'dependencies (npm ci without --omit=dev), or leave the section out with --only',
    );
  }
}

/**
 * Load from a separate process (autocannon), so the load generator does not share the event loop
 * (or, as far as two cores allow, the CPU time) it is measuring.
 */
export async function benchApi(
  url: string,
  path: string,
  seconds: number,
  connections = 10,
): Promise<ApiLoadFigures> {
  const cli = autocannonCli();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, '--json', '-c', String(connections), '-d', String(seconds), `${url}${path}`],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const r = JSON.parse(stdout) as AutocannonResult;
  return {
    path,
    connections,
    seconds,
    requests_per_s: round(r.requests.average),
    p50_ms: round(r.latency.p50),
    p99_ms: round(r.latency.p99),
    errors: r.errors + r.timeouts,
    non_2xx: r.non2xx,
  };
}
