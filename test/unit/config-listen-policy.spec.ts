import { ConfigError, loadConfig } from '../../src/config/config';
import { assertListenAllowed, isLoopbackHost } from '../../src/config/listen-policy';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'counts %s as this machine',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', 'localhost.evil.com', ''])(
    'counts %s as reachable from the network',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('assertListenAllowed', () => {
  const key = 'acme:0123456789abcdef0123';
  it('refuses a keyless server on a non-loopback address, naming the variables', () => {
    const config = loadConfig({ QUARRY_HOST: '0.0.0.0' });
    expect(() => assertListenAllowed(config)).toThrow(ConfigError);
    expect(() => assertListenAllowed(config)).toThrow(/QUARRY_API_KEYS/);
    expect(() => assertListenAllowed(config)).toThrow(/QUARRY_ALLOW_UNAUTHENTICATED=true/);
  });

  it('lets through loopback, keys, or the explicit opt-in', () => {
    expect(() => assertListenAllowed(loadConfig({}))).not.toThrow();
    expect(() => assertListenAllowed(loadConfig({ QUARRY_HOST: 'localhost' }))).not.toThrow();
    expect(() => assertListenAllowed(loadConfig({ QUARRY_API_KEYS: key }))).not.toThrow();
    const open = loadConfig({ QUARRY_HOST: '0.0.0.0', QUARRY_ALLOW_UNAUTHENTICATED: 'true' });
    expect(() => assertListenAllowed(open)).not.toThrow();
  });
});
