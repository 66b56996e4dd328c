import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ManagedProcess, type ManagedProcessOptions } from '../managed-process';
import { runCommand } from '../provision/run-command';

/** The user PostgreSQL runs as when Quarry is root (it refuses to run as root). */
export const POSTGRES_USER = 'postgres';

export interface PostgresOptions {
  binDir: string;
  /** The server's folder under the data folder; the cluster is its `cluster` subfolder. */
  dir: string;
  port: number;
  logDir: string;
  lock?: ManagedProcessOptions['lock'];
  onUnexpectedExit?: ManagedProcessOptions['onUnexpectedExit'];
}

export const clusterDir = (dir: string) => join(dir, 'cluster');

function runAsUser(): string | undefined {
  return process.getuid?.() === 0 ? POSTGRES_USER : undefined;
}

function userIds(name: string): { uid: number; gid: number } {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  throw new Error(
    `There is no "${name}" user: install PostgreSQL with \`quarry setup --stack production\``,
  );
}

/**
 * As root the cluster belongs to `postgres`, which must be able to reach it: folders above it
 * that others cannot search (root's home, a private temp folder) get an ACL entry that lets
 * `postgres` pass through them, and nothing more (no listing, no reading).
 */
async function letPostgresReach(dir: string): Promise<void> {
  const ancestors: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    ancestors.unshift(d);
    if (d === dirname(d)) break;
  }
  for (const d of ancestors) {
    if ((statSync(d).mode & 0o001) !== 0) continue;
    await runCommand('setfacl', ['-m', `u:${POSTGRES_USER}:x`, d], { env: process.env });
  }
}

/** Creates the cluster on first use: a `temporal` superuser with a password, scram auth, UTF-8. */
export async function initCluster(o: PostgresOptions, password: string): Promise<boolean> {
  const cluster = clusterDir(o.dir);
  if (existsSync(join(cluster, 'PG_VERSION'))) return false;
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const user = runAsUser();
  const pwfile = join(o.dir, 'initdb-password');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (user) {
    const { uid, gid } = userIds(user);
    await letPostgresReach(o.dir);
    chownSync(o.dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(o.dir, 0o700);
  const initdb = join(o.binDir, 'initdb');
  const args = [
    '-D',
    cluster,
    '-U',
    'temporal',
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--no-locale',
  ];
  try {
    await runCommand(user ? 'runuser' : initdb, user ? ['-u', user, '--', initdb, ...args] : args, {
      env: process.env,
      display: `initdb -D ${cluster}`,
    });
  } finally {
    writeFileSync(pwfile, '');
  }
  return true;
}

/** The postmaster in the foreground (not `pg_ctl start`, which detaches it from us). */
export function postgresServer(o: PostgresOptions): ManagedProcess {
  return new ManagedProcess({
    name: 'PostgreSQL',
    command: join(o.binDir, 'postgres'),
    args: [
      '-D',
      clusterDir(o.dir),
      '-c',
      'listen_addresses=127.0.0.1',
      '-p',
      String(o.port),
      // TCP only: no socket file to place where the postgres user may write.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    cwd: o.dir,
    runAs: runAsUser(),
    // Fast shutdown: SIGTERM would wait for every client (Temporal) to disconnect.
    stopSignal: 'SIGINT',
    logFile: join(o.logDir, 'postgres.log'),
    lock: o.lock,
    onUnexpectedExit: o.onUnexpectedExit,
  });
}

export async function postgresReady(binDir: string, port: number): Promise<boolean> {
  try {
    await runCommand(join(binDir, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], {
      env: process.env,
      timeoutMs: 3000,
    });
    return true;
  } catch {
    return false;
  }
}
