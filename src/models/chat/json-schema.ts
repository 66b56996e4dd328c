import { z } from 'zod';
import type { JsonSchema } from './types';

const SAFE_INTEGER_BOUNDS = new Set([Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);

/** A JSON schema without the `$schema` tag and the safe-integer bounds zod puts on every integer. */
export function withoutNoise(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$schema') continue;
      if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.has(value as number))
        continue;
      out[key] = visit(value);
    }
    return out;
  };
  return visit(schema) as JsonSchema;
}

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

/** The JSON schema of a zod schema, as models are shown it (grammar builders need no noise). */
export function toModelJsonSchema(schema: z.ZodType): JsonSchema {
  let json = jsonSchemas.get(schema);
  if (!json) {
    json = withoutNoise(z.toJSONSchema(schema));
    jsonSchemas.set(schema, json);
  }
  return json;
}
