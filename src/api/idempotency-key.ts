import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiError } from './api-error';

const VALID_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's `Idempotency-Key`, checked: a create route given the same key returns what the
 * first request made. Absent: undefined; malformed: 400 naming the rule.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const key = ctx.switchToHttp().getRequest<Request>().header('idempotency-key');
    if (key !== undefined && !VALID_KEY.test(key)) {
      throw new ApiError(
        400,
        'validation_failed',
        'Idempotency-Key must be 1-200 visible ASCII characters',
      );
    }
    return key;
  },
);

/** Documents the header on a create route; `what` is what the route makes. */
export const ApiIdempotencyKey = (what: string): MethodDecorator =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: `The same key returns the same ${what} (1-200 visible ASCII characters)`,
  });
