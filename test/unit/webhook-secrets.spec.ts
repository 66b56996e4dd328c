import { ApiError } from '../../src/api/api-error';
import { loadConfig } from '../../src/config/config';
import { tenantWebhookSecret } from '../../src/webhooks/tenant-secret';
import { WebhooksController } from '../../src/webhooks/webhooks.controller';

const ROOT = 'root-secret-of-enough-length';

describe('per-tenant secrets', () => {
  it('derives a distinct, stable secret per tenant, none equal to the root', () => {
    const alice = tenantWebhookSecret(ROOT, 'alice');
    expect(alice).toMatch(/^[0-9a-f]{64}$/);
    expect(tenantWebhookSecret(ROOT, 'alice')).toBe(alice);
    expect(tenantWebhookSecret(ROOT, 'bob')).not.toBe(alice);
    expect(tenantWebhookSecret(`${ROOT}x`, 'alice')).not.toBe(alice);
    expect(alice).not.toContain(ROOT);
  });

  it('keeps the documented derivation (docs/DEPLOY.md): receivers configured today stay valid', () => {
    // HKDF-SHA256(root, salt "quarry-webhook", info "tenant:alice", 32 bytes), hex, computed with
    // the operator's one-liner from DEPLOY.md.
    expect(tenantWebhookSecret(ROOT, 'alice')).toBe(
      '4eb518058dd61c840374701ed5394cacdcc4b7d7b7eeda4c8f3760f72ff535c9',
    );
  });
});

describe('GET /v1/webhooks/secret', () => {
  it("answers the calling tenant's own secret and how it signs", () => {
    const controller = new WebhooksController(loadConfig({ QUARRY_WEBHOOK_SECRET: ROOT }));
    expect(controller.secret('alice')).toEqual({
      tenant: 'alice',
      secret: tenantWebhookSecret(ROOT, 'alice'),
      header: 'X-Quarry-Signature',
      signed: '<t>.<raw body>',
      toleranceSeconds: 300,
    });
  });

  it('is a 404 when the server has no QUARRY_WEBHOOK_SECRET', () => {
    const controller = new WebhooksController(loadConfig({}));
    let err: unknown;
    try {
      controller.secret('alice');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).getStatus()).toBe(404);
    expect((err as ApiError).getResponse()).toEqual({
      error: {
        code: 'not_found',
        message: 'Webhooks are off: this server has no QUARRY_WEBHOOK_SECRET',
      },
    });
  });
});
