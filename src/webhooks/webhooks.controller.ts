import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../api/api-error';
import { Tenant } from '../api/auth/tenant.decorator';
import { ApiErrorBody, ApiStandardErrors } from '../api/openapi/error-responses';
import type { QuarryConfig } from '../config/config';
import { QUARRY_CONFIG } from '../config/config.module';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature';
import { tenantWebhookSecret } from './tenant-secret';

export interface WebhookSecretView {
  tenant: string;
  /** The HMAC-SHA256 key, used as its UTF-8 text. */
  secret: string;
  header: string;
  /** What is signed: the header's `t`, a dot, then the raw request body. */
  signed: string;
  toleranceSeconds: number;
}

/** How a tenant's receiver checks that a delivery came from this Quarry and for this tenant. */
@ApiTags('webhooks')
@ApiBearerAuth()
@ApiStandardErrors()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(@Inject(QUARRY_CONFIG) private readonly config: QuarryConfig) {}

  @Get('secret')
  @ApiOperation({
    summary: "Your tenant's webhook signing secret and how deliveries are signed with it",
  })
  @ApiResponse({
    status: 200,
    description: 'The secret of the calling tenant (each tenant has its own)',
    schema: {
      type: 'object',
      properties: {
        tenant: { type: 'string' },
        secret: { type: 'string', example: '3f1c…(64 hex characters)' },
        header: { type: 'string', example: 'X-Quarry-Signature' },
        signed: { type: 'string', example: '<t>.<raw body>' },
        toleranceSeconds: { type: 'integer', example: 300 },
      },
    },
  })
  @ApiResponse({
    status: 404,
    description: 'This server has no QUARRY_WEBHOOK_SECRET: webhooks are off',
    type: ApiErrorBody,
  })
  secret(@Tenant() tenant: string): WebhookSecretView {
    const root = this.config.webhookSecret;
    if (!root)
      throw new ApiError(
        404,
        'not_found',
        'Webhooks are off: this server has no QUARRY_WEBHOOK_SECRET',
      );
    return {
      tenant,
      secret: tenantWebhookSecret(root, tenant),
      header: 'X-Quarry-Signature',
      signed: '<t>.<raw body>',
      toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS,
    };
  }
}
