import { signWebhook, verifyWebhook } from '../../src/webhooks/signature';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-enough-length';
  const body = '{"event":"task.completed"}';

  it('verifies what it signed, within the time tolerance', () => {
    const header = signWebhook(secret, body, 1_000_000);
    expect(header).toMatch(/^t=1000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, body, header, 1_000_100)).toBe(true);
  });

  it('refuses another body, another secret, a forged or old signature', () => {
    const header = signWebhook(secret, body, 1_000_000);
    expect(verifyWebhook(secret, `${body} `, header, 1_000_000)).toBe(false);
    expect(verifyWebhook('another-secret-entirely', body, header, 1_000_000)).toBe(false);
    expect(verifyWebhook(secret, body, header.replace(/v1=./, 'v1=0'), 1_000_000)).toBe(false);
    expect(verifyWebhook(secret, body, header, 1_000_000 + 301)).toBe(false);
    expect(verifyWebhook(secret, body, 'garbage', 1_000_000)).toBe(false);
  });
});
