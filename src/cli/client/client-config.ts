import { z } from 'zod';

const schema = z.object({
  QUARRY_URL: z.url({ message: 'must be a URL such as http://127.0.0.1:3000' }).optional(),
  QUARRY_API_KEY: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

export interface ClientConfig {
  baseUrl: string;
  apiKey?: string;
}

/** Where the CLI finds a running Quarry: QUARRY_URL, else the local default port. */
export function loadClientConfig(
  env: Record<string, string | undefined> = process.env,
): ClientConfig {
  const parsed = schema.safeParse({
    ...env,
    QUARRY_URL: env.QUARRY_URL || undefined,
    PORT: env.PORT || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    baseUrl: (e.QUARRY_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, ''),
    apiKey: e.QUARRY_API_KEY || undefined,
  };
}
