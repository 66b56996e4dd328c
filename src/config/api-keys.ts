import { createHash } from 'node:crypto';

export interface TenantKey {
  tenant: string;
  /** sha256 of the key, hex: keys are never kept in clear after boot. */
  keyHash: string;
}

const TENANT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Parses `tenantA:keyA,tenantB:keyB`. */
export function parseApiKeys(raw: string | undefined): TenantKey[] {
  if (!raw || raw.trim() === '') return [];
  return raw.split(',').map((pair, i) => {
    const at = pair.indexOf(':');
    const tenant = pair.slice(0, at).trim();
    const key = pair.slice(at + 1).trim();
    if (at < 0 || !tenant || !key) throw new Error(`entry ${i + 1} must be tenant:key`);
    if (!TENANT.test(tenant)) {
      throw new Error(
        `entry ${i + 1}: tenant must start with a letter and hold only letters, digits, _ or -`,
      );
    }
    if (key.length < 16)
      throw new Error(`entry ${i + 1}: key for tenant ${tenant} must be at least 16 characters`);
    return { tenant, keyHash: hashApiKey(key) };
  });
}
