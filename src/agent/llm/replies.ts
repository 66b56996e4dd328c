import { z } from 'zod';
import { parseJsonReply } from '../../models/chat/json-reply';
import type { JsonSchema } from '../../models/chat';

export { parseJsonReply } from '../../models/chat/json-reply';

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const SAFE_INTEGER_BOUNDS = new Set([Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

/**
 * The JSON schema a reply schema asks the model for: what zod emits, without the `$schema` tag
 * and the safe-integer bounds zod puts on every integer (grammar builders need neither).
 * `undefined` for a plain-text reply (`z.string()`).
 */
export function replyJsonSchema(schema: z.ZodType): JsonSchema | undefined {
  if (schema instanceof z.ZodString) return undefined;
  let json = jsonSchemas.get(schema);
  if (!json) {
    const { $schema: _tag, ...rest } = z.toJSONSchema(schema, {
      override: ({ jsonSchema }) => {
        if (typeof jsonSchema.minimum === 'number' && SAFE_INTEGER_BOUNDS.has(jsonSchema.minimum))
          delete jsonSchema.minimum;
        if (typeof jsonSchema.maximum === 'number' && SAFE_INTEGER_BOUNDS.has(jsonSchema.maximum))
          delete jsonSchema.maximum;
      },
    });
    json = rest;
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** The reply as its schema describes it: the text itself, or the first JSON object that matches. */
export function parseReply<R>(schema: z.ZodType<R>, text: string): R | undefined {
  const parsed = schema.safeParse(schema instanceof z.ZodString ? text : parseJsonReply(text));
  return parsed.success ? parsed.data : undefined;
}
