import { z } from 'zod';
import type { JsonSchema } from '../../models/chat';

/**
 * The first JSON object in a model's reply. Grammar-constrained and json_schema replies are pure
 * JSON; others wrap it in prose or a ```json fence, which is skipped.
 */
export function parseJsonReply(text: string): unknown {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      try {
        return JSON.parse(text.slice(start, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

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
