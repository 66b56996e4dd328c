import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Marks every child of a local stack with the folder it belongs to, read back from /proc. */
export const STACK_CHILD_ENV = 'QUARRY_STACK_CHILD';

function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

let cached: { setpriv?: string; runuser?: string; searched: string | undefined } | undefined;

/** util-linux's setpriv and runuser on PATH, looked up once per PATH. */
function tools(): { setpriv?: string; runuser?: string } {
  // PATH is the one variable that decides which programs a child runs; read where it is used.
  const path = process.env.PATH;
  if (!cached || cached.searched !== path) {
    cached = { setpriv: onPath('setpriv', path), runuser: onPath('runuser', path), searched: path };
  }
  return cached;
}

/** True when the kernel will kill our children if we die (setpriv is there to ask it to). */
export function orphanGuardAvailable(): boolean {
  return tools().setpriv !== undefined;
}

/**
 * How to spawn a server so that it never outlives Quarry: through `setpriv --pdeathsig KILL`, the
 * kernel kills it when Quarry dies, even by SIGKILL (the OOM killer). setpriv also switches user
 * (`runAs`) before it asks for the signal (a change of user clears it), then execs the server, so
 * the pid we hold is the server's own. Without setpriv the server is started plainly (runuser for
 * another user) and the next start finds it by its lock instead.
 */
export function guardedCommand(
  command: string,
  args: string[],
  runAs?: string,
): { command: string; args: string[] } {
  const { setpriv, runuser } = tools();
  if (setpriv) {
    const user = runAs ? ['--reuid', runAs, '--regid', runAs, '--init-groups'] : [];
    return { command: setpriv, args: [...user, '--pdeathsig', 'KILL', '--', command, ...args] };
  }
  if (runAs) return { command: runuser ?? 'runuser', args: ['-u', runAs, '--', command, ...args] };
  return { command, args };
}
