import { isIP } from 'node:net';
import { ConfigError, type QuarryConfig } from './config';

/**
 * Whether a listen address (QUARRY_HOST) or a Host header's name only reaches this machine.
 * Names other than `localhost` may resolve anywhere, so they count as reachable from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^::ffff:127\./.test(name);
  return false;
}

/**
 * Without API keys every request runs as the one local user with full access, so such a server
 * listens on loopback only, unless the operator says in so many words that an open API is meant.
 * Checked by the commands that listen (`start`, `serve`), not by the worker, which has no port.
 */
export function assertListenAllowed(config: QuarryConfig): void {
  const { host, localMode } = config.http;
  if (!localMode || isLoopbackHost(host) || config.access.allowUnauthenticated) return;
  throw new ConfigError([
    `QUARRY_HOST=${JSON.stringify(host)} is reachable from the network, and QUARRY_API_KEYS is not set: ` +
      'anyone who reaches the API would have full access. Set QUARRY_API_KEYS (tenant:key pairs), ' +
      'listen on 127.0.0.1, or set QUARRY_ALLOW_UNAUTHENTICATED=true if an open API is what you want.',
  ]);
}
