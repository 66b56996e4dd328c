import type * as z from 'zod/mini';

/**
 * What is wrong with `value`, one line per problem as `<field> <rule>` (`options.topK must be
 * 1-50`); empty when it is fine. Workflows fail with these; the API words its 400s itself.
 */
export function problemsWith(schema: z.ZodMiniType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const field = issue.path
      .map((key, i) => (typeof key === 'number' ? `[${key}]` : i ? `.${String(key)}` : String(key)))
      .join('');
    return field ? `${field} ${issue.message}` : issue.message;
  });
}
