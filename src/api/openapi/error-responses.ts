import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

class ApiErrorDetail {
  @ApiProperty({
    description: 'Stable machine code, e.g. validation_failed, not_found, rate_limited',
  })
  code!: string;

  @ApiProperty({ description: 'What went wrong, for people; names the field or the limit' })
  message!: string;

  @ApiPropertyOptional({
    description:
      'Structured context: the invalid fields with their problems, or the limit and the retry time',
    oneOf: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            field: { type: 'string' },
            problems: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: unknown;
}

/** The one error body (src/api/error-body.ts) as the OpenAPI spec shows it. */
export class ApiErrorBody {
  @ApiProperty({ type: ApiErrorDetail })
  error!: ApiErrorDetail;
}

const WHY: Record<number, string> = {
  400: 'The request is malformed or a field is invalid; the message names it',
  401: 'No API key, or an unknown one (when QUARRY_API_KEYS is set)',
  403: 'A cross-site or foreign-Host request to a server without API keys',
  404: 'No such resource for this tenant',
  409: 'The resource is in a state that does not allow this',
  413: 'The request is over a size limit; the message names it',
  415: 'A file type Quarry cannot read',
  429: 'Over a per-tenant limit; `Retry-After` says when to try again',
  503: 'Temporal or Weaviate is unavailable; retry shortly',
};

/** Documents error statuses a route answers, each with the standard error body. */
export function ApiErrors(...statuses: (keyof typeof WHY)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: WHY[status], type: ApiErrorBody }),
    ),
  );
}

/**
 * The statuses every authenticated route can answer whatever it does: a malformed request, the key
 * check, the local-mode origin check, the rate limit and an unavailable backend. Put on each
 * controller once; routes add their own (404, 409, 413, 415) with ApiErrors.
 */
export const ApiStandardErrors = (): MethodDecorator & ClassDecorator =>
  ApiErrors(400, 401, 403, 429, 503);
