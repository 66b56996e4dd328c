import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ProvisionError } from './errors';
import { findExecutable, isExecutableFile, runCommand } from './run-command';
import type { Env } from './types';

const ENV_VAR = 'QUARRY_POSTGRES_BIN_DIR';
const WHAT = 'PostgreSQL';
/** Temporal's postgres12 plugin needs 12 or newer; Debian 12 ships 15. */
const MIN_MAJOR = 12;
const PROGRAMS = ['postgres', 'initdb', 'pg_isready'];

async function hasPrograms(dir: string): Promise<boolean> {
  for (const p of PROGRAMS) if (!(await isExecutableFile(join(dir, p)))) return false;
  return true;
}

/** Debian keeps each major version's programs in /usr/lib/postgresql/<major>/bin, off PATH. */
async function debianBinDir(): Promise<string | undefined> {
  let majors: number[];
  try {
    majors = (await readdir('/usr/lib/postgresql')).map(Number).filter((n) => n >= MIN_MAJOR);
  } catch {
    return undefined;
  }
  for (const major of majors.sort((a, b) => b - a)) {
    const dir = join('/usr/lib/postgresql', String(major), 'bin');
    if (await hasPrograms(dir)) return dir;
  }
  return undefined;
}

export async function findPostgresBinDir(env: Env, configured?: string) {
  if (configured) {
    if (await hasPrograms(configured)) return configured;
    throw new ProvisionError(
      WHAT,
      ENV_VAR,
      `${ENV_VAR} points at ${configured}, which does not hold ${PROGRAMS.join(', ')}.`,
    );
  }
  const debian = await debianBinDir();
  if (debian) return debian;
  const onPath = await findExecutable('postgres', env);
  const dir = onPath?.slice(0, onPath.lastIndexOf('/'));
  return dir && (await hasPrograms(dir)) ? dir : undefined;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function aptInstall(packages: string[], env: Env, log: (l: string) => void) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`postgres: apt-get install -y ${packages.join(' ')}`);
  try {
    await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      env: aptEnv,
    });
  } catch {
    // A fresh machine has no package lists yet.
    log('postgres: apt-get update, then install again');
    await runCommand('apt-get', ['update'], { env: aptEnv });
    await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      env: aptEnv,
    });
  }
}

/**
 * PostgreSQL for the production stack: Debian's package, installed with apt-get when missing and
 * we are root (setfacl too: it lets the `postgres` user reach a cluster under root's data folder).
 * Anyone else gets the command to run.
 */
export async function ensurePostgres(o: {
  env: Env;
  configured?: string;
  log: (line: string) => void;
}): Promise<{ binDir: string; installed: boolean }> {
  let binDir = await findPostgresBinDir(o.env, o.configured);
  const missing = binDir ? [] : ['postgresql'];
  if (isRoot() && !(await findExecutable('setfacl', o.env))) missing.push('acl');
  if (missing.length === 0 && binDir) return { binDir, installed: false };
  if (!isRoot()) {
    throw new ProvisionError(
      WHAT,
      ENV_VAR,
      `PostgreSQL (${MIN_MAJOR} or newer) is not installed. Install it (Debian, Ubuntu: \`sudo apt-get install -y postgresql\`) or set ${ENV_VAR} to the folder holding its postgres, initdb and pg_isready programs.`,
    );
  }
  try {
    await aptInstall(missing, o.env, o.log);
  } catch (err) {
    throw new ProvisionError(
      WHAT,
      ENV_VAR,
      `Could not install ${missing.join(' and ')} with apt-get: ${(err as Error).message}`,
    );
  }
  binDir = await findPostgresBinDir(o.env, o.configured);
  if (!binDir) {
    throw new ProvisionError(
      WHAT,
      ENV_VAR,
      'apt-get installed postgresql but no postgres program was found',
    );
  }
  return { binDir, installed: true };
}
