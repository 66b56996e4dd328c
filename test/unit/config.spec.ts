import { ConfigError, loadConfig } from '../../src/config/config';
import { hashApiKey } from '../../src/config/api-keys';

describe('loadConfig', () => {
  it('gives local-mode defaults with no environment', () => {
    const c = loadConfig({ HOME: '/home/ann' });
    expect(c.http).toEqual({ port: 3000, host: '127.0.0.1', localMode: true });
    expect(c.paths).toEqual({
      dataDir: '/home/ann/.local/share/quarry',
      cacheDir: '/home/ann/.cache/quarry',
    });
    expect(c.temporal).toMatchObject({
      namespace: 'quarry',
      taskQueue: 'quarry',
      embeddedWorker: true,
      tls: false,
    });
    expect(c.temporal.address).toBeUndefined();
    expect(c.weaviate.url).toBeUndefined();
  });

  it('honours XDG folders and QUARRY_DATA_DIR', () => {
    const c = loadConfig({ XDG_CACHE_HOME: '/c', XDG_DATA_HOME: '/d' });
    expect(c.paths).toEqual({ dataDir: '/d/quarry', cacheDir: '/c/quarry' });
    expect(loadConfig({ QUARRY_DATA_DIR: '/srv/q' }).paths.dataDir).toBe('/srv/q');
  });

  it('stages uploads in the data folder unless a PostgreSQL URL is given', () => {
    expect(loadConfig({}).staging).toEqual({ databaseUrl: undefined });
    const url = 'postgres://temporal:pw@127.0.0.1:5432/quarry_staging';
    expect(loadConfig({ QUARRY_STAGING_DATABASE_URL: url }).staging).toEqual({ databaseUrl: url });
    expect(() => loadConfig({ QUARRY_STAGING_DATABASE_URL: 'http://127.0.0.1/x' })).toThrow(
      /QUARRY_STAGING_DATABASE_URL="http:\/\/127.0.0.1\/x": must be a PostgreSQL URL/,
    );
  });

  it('keeps live tokens in the process unless a PostgreSQL URL for them is given', () => {
    expect(loadConfig({}).events).toEqual({ databaseUrl: undefined });
    const url = 'postgres://temporal:pw@127.0.0.1:5432/postgres';
    expect(loadConfig({ QUARRY_EVENTS_DATABASE_URL: url }).events).toEqual({ databaseUrl: url });
    // Empty (as the production stack passes when it has none) means unset.
    expect(loadConfig({ QUARRY_EVENTS_DATABASE_URL: '' }).events).toEqual({
      databaseUrl: undefined,
    });
    expect(() => loadConfig({ QUARRY_EVENTS_DATABASE_URL: 'redis://127.0.0.1' })).toThrow(
      /QUARRY_EVENTS_DATABASE_URL="redis:\/\/127.0.0.1": must be a PostgreSQL URL/,
    );
  });

  it('names every bad variable and its value', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        TEMPORAL_ADDRESS: 'no-port',
        QUARRY_EMBEDDED_WORKER: 'maybe',
        WEAVIATE_URL: 'x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="70000": must be between 0 and 65535');
    expect(message).toContain('TEMPORAL_ADDRESS="no-port": must be host:port');
    expect(message).toContain('QUARRY_EMBEDDED_WORKER="maybe": must be true or false');
    expect(message).toContain('WEAVIATE_URL="x"');
  });

  it('parses API keys into tenants, keeps only hashes, and leaves local mode', () => {
    const c = loadConfig({
      QUARRY_API_KEYS: 'acme:0123456789abcdef0123, beta:fedcba9876543210fedc',
    });
    expect(c.auth.tenants).toEqual([
      { tenant: 'acme', keyHash: hashApiKey('0123456789abcdef0123') },
      { tenant: 'beta', keyHash: hashApiKey('fedcba9876543210fedc') },
    ]);
    expect(JSON.stringify(c)).not.toContain('0123456789abcdef0123');
    expect(c.http).toEqual({ port: 3000, host: '0.0.0.0', localMode: false });
  });

  it('rejects short keys and malformed entries', () => {
    expect(() => loadConfig({ QUARRY_API_KEYS: 'acme:short' })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ QUARRY_API_KEYS: 'nokey' })).toThrow(/entry 1 must be tenant:key/);
    expect(() => loadConfig({ QUARRY_API_KEYS: '1bad:0123456789abcdef0123' })).toThrow(
      /tenant must start with a letter/,
    );
  });

  it('turns TLS on when a Temporal API key is given', () => {
    expect(loadConfig({ TEMPORAL_API_KEY: 'k' }).temporal.tls).toBe(true);
    expect(loadConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).temporal.tls).toBe(false);
  });
});
