import type { PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type * as z from 'zod/mini';
import { ApiError } from './api-error';
import { openApiSchema } from './openapi/zod-schema';
import type { FieldProblem } from './validation.pipe';

type Issue = z.core.$ZodIssue;

/** The field an issue is about, and the word for it: `options.topK`, `topK`. */
function fieldOf(path: PropertyKey[]): { field: string; name: string; each: boolean } {
  const keys = path.filter((k) => typeof k !== 'number').map(String);
  return {
    field: keys.join('.'),
    name: keys.at(-1) ?? 'body',
    each: typeof path.at(-1) === 'number',
  };
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be a string',
  int: 'must be an integer number',
  number: 'must be a number',
  boolean: 'must be a boolean value',
  array: 'must be an array',
  object: 'must be an object',
};

/**
 * An issue in the words every other route's 400 uses (the class-validator DTOs'): `question must
 * be shorter than or equal to 2000 characters`; a rule with words of its own keeps them.
 */
function problemOf(issue: Issue, name: string): string {
  const bound = (b: number | bigint) => String(b);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return `${name} must be longer than or equal to ${bound(issue.minimum)} characters`;
      if (issue.origin === 'array')
        return `${name} must contain at least ${bound(issue.minimum)} elements`;
      return `${name} must not be less than ${bound(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string')
        return `${name} must be shorter than or equal to ${bound(issue.maximum)} characters`;
      if (issue.origin === 'array')
        return `${name} must contain no more than ${bound(issue.maximum)} elements`;
      return `${name} must not be greater than ${bound(issue.maximum)}`;
    case 'invalid_type':
      return `${name} ${TYPE_WORDS[issue.expected] ?? `must be ${issue.expected}`}`;
    default:
      return `${name} ${issue.message}`;
  }
}

/** Every problem of a body, grouped by field, in the shape of the validation pipe's 400s. */
export function fieldProblems(issues: Issue[]): FieldProblem[] {
  const byField = new Map<string, string[]>();
  const add = (field: string, problem: string) =>
    byField.set(field, [...(byField.get(field) ?? []), problem]);
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        add(fieldOf([...issue.path, key]).field, `property ${key} should not exist`);
      continue;
    }
    const { field, name, each } = fieldOf(issue.path);
    add(field || 'body', problemOf(issue, each ? `each value in ${name}` : name));
  }
  return [...byField].map(([field, problems]) => ({ field, problems }));
}

/** Drops null fields: as the class-validator routes read them (IsOptional), null means absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/**
 * Validates a request body against a zod schema (strict objects refuse unknown fields) and names
 * every bad field in one 400, like the global validation pipe does for the class-based DTOs.
 */
export class ZodBodyPipe<S extends z.ZodMiniType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(withoutNulls(value ?? {}));
    if (result.success) return result.data;
    const details = fieldProblems(result.error.issues);
    const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
    throw new ApiError(400, 'validation_failed', message, details);
  }
}

/** The body's schema in the OpenAPI spec, from the schema the pipe validates with. */
export const ApiBodyFrom = (schema: z.ZodMiniType) =>
  ApiBody({ schema: openApiSchema(schema, 'input') });
