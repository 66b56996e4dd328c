import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:port and we could bind it ourselves. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free right now (there is a small race until the child binds it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Picks `preferred` when it is free, otherwise any free port; never returns a port already in `taken`
 * (several ports are picked before any child binds them).
 */
export async function pickPort(preferred: number | undefined, taken: Set<number>): Promise<number> {
  if (preferred && !taken.has(preferred) && (await isPortFree(preferred))) {
    taken.add(preferred);
    return preferred;
  }
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/**
 * A free port below 32768, outside Linux's ephemeral range: Temporal stores membership ports in
 * a smallint column. Tries `preferred` first, then random ports from 20000 up.
 */
export async function pickLowPort(preferred: number | undefined, taken: Set<number>) {
  if (preferred && preferred < 32768 && !taken.has(preferred) && (await isPortFree(preferred))) {
    taken.add(preferred);
    return preferred;
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12768);
    if (!taken.has(port) && (await isPortFree(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port below 32768');
}
