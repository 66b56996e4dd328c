import * as z from 'zod/mini';
import type { Conforms } from '../api/openapi/conforms';
import { openApiSchema } from '../api/openapi/zod-schema';
import type { HealthReport } from './health.service';

const healthReport = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), z.enum(['up', 'down'])),
  details: z.optional(z.record(z.string(), z.string())),
});

/** GET /health's answer stays within what the spec promises (a type error otherwise). */
export type HealthResponseConforms = Conforms<HealthReport, typeof healthReport>;

export const HEALTH_REPORT_SCHEMA = openApiSchema(healthReport, 'output');
