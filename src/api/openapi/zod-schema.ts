import type { SchemaObject } from '@nestjs/swagger';
import * as z from 'zod/mini';

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * A zod schema as the OpenAPI spec shows it (OpenAPI 3.0: `nullable`, no `$schema`): the spec
 * states what the API validates (`input`) and returns (`output`) from the schemas it runs.
 */
export function openApiSchema(schema: z.ZodMiniType, io: 'input' | 'output'): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    // zod bounds every integer by the safe-integer range; only our own bounds say something.
    override: ({ jsonSchema }) => {
      if (jsonSchema.minimum === -SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === SAFE_INTEGER) delete jsonSchema.maximum;
      // OpenAPI 3.0's `nullable` only adds null to a `type`: a nullable choice between objects
      // says it in each choice, so that null validates against the choice too.
      if (jsonSchema.nullable && jsonSchema.anyOf?.every((m) => typeof m === 'object' && m.type)) {
        jsonSchema.anyOf = jsonSchema.anyOf.map((m) => ({ ...(m as object), nullable: true }));
        const types = new Set(jsonSchema.anyOf.map((m) => (m as { type: unknown }).type));
        if (types.size === 1) Object.assign(jsonSchema, { type: [...types][0] });
      }
    },
  }) as SchemaObject;
}
