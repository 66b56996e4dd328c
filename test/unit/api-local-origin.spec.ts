import { localRequestProblem } from '../../src/api/auth/local-origin';

describe('localRequestProblem (keyless server)', () => {
  const check = (req: Parameters<typeof localRequestProblem>[0], checkHost = true) =>
    localRequestProblem(req, { checkHost });

  it('lets clients that are not browsers through: no Origin, no Sec-Fetch-Site', () => {
    expect(check({ method: 'POST', host: '127.0.0.1:3000' })).toBeUndefined();
    expect(check({ method: 'DELETE', host: 'localhost:3000' })).toBeUndefined();
  });

  it('accepts every loopback spelling of Host, on any port (SSH tunnels remap it)', () => {
    for (const host of [
      '127.0.0.1:3000',
      'localhost:3000',
      '[::1]:3000',
      'localhost',
      '127.0.0.1:8000',
    ])
      expect(check({ method: 'GET', host })).toBeUndefined();
  });

  it('refuses a foreign Host name (DNS rebinding), for reads too', () => {
    expect(check({ method: 'GET', host: 'evil.example:3000' })).toMatch(/Host "evil.example:3000"/);
    expect(check({ method: 'GET', host: 'localhost.evil.example' })).toMatch(/not this machine/);
    expect(check({ method: 'GET' })).toMatch(/Host ""/);
  });

  it('skips the Host check on a server bound to the network on purpose', () => {
    expect(check({ method: 'GET', host: 'quarry.lan:3000' }, false)).toBeUndefined();
  });

  it('accepts the dashboard: same origin, or Sec-Fetch-Site same-origin', () => {
    const host = '127.0.0.1:3000';
    expect(check({ method: 'POST', host, origin: 'http://127.0.0.1:3000' })).toBeUndefined();
    expect(
      check({ method: 'POST', host, origin: 'http://127.0.0.1:3000', secFetchSite: 'same-origin' }),
    ).toBeUndefined();
    expect(
      check({ method: 'POST', host: '[::1]:3000', origin: 'http://[::1]:3000' }),
    ).toBeUndefined();
  });

  it('refuses state changes from other origins, even another port of the same host', () => {
    const host = '127.0.0.1:3000';
    expect(check({ method: 'POST', host, origin: 'https://evil.example' })).toMatch(
      /Cross-origin request refused \(Origin: https:\/\/evil.example\)/,
    );
    expect(check({ method: 'DELETE', host, origin: 'http://127.0.0.1:5173' })).toMatch(
      /Cross-origin/,
    );
    expect(check({ method: 'PUT', host, origin: 'null' })).toMatch(/Cross-origin/);
    expect(check({ method: 'PATCH', host, secFetchSite: 'cross-site' })).toMatch(
      /Sec-Fetch-Site: cross-site/,
    );
    expect(check({ method: 'POST', host, secFetchSite: 'same-site' })).toMatch(/Cross-site/);
  });

  it('leaves reads from other sites alone (a link to the dashboard must open)', () => {
    expect(
      check({
        method: 'GET',
        host: '127.0.0.1:3000',
        origin: 'https://evil.example',
        secFetchSite: 'cross-site',
      }),
    ).toBeUndefined();
  });
});
