import * as z from 'zod/mini';
import type { Conforms } from '../api/openapi/conforms';
import { openApiSchema } from '../api/openapi/zod-schema';
import type { OpsOverview } from './ops.controller';

const byKind = z.nullable(
  z.object({ workflow: z.int().check(z.minimum(0)), activity: z.int().check(z.minimum(0)) }),
);

const opsOverview = z.object({
  namespace: z.string(),
  taskQueue: z.string(),
  temporalUiUrl: z.nullable(z.string()),
  traceUrlTemplate: z.nullable(z.string()),
  workers: byKind,
  backlog: byKind,
});

/** GET /v1/ops/overview's answer stays within what the spec promises (a type error otherwise). */
export type OpsResponseConforms = Conforms<OpsOverview, typeof opsOverview>;

export const OPS_OVERVIEW_SCHEMA = openApiSchema(opsOverview, 'output');
