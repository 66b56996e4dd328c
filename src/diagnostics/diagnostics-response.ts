import * as z from 'zod/mini';
import type { Conforms } from '../api/openapi/conforms';
import { openApiSchema } from '../api/openapi/zod-schema';
import type { RoundTripResponse } from './diagnostics.controller';

const roundTrip = z.object({
  workflowId: z.string(),
  runId: z.string(),
  elapsedMs: z.number(),
  result: z.object({
    weaviate: z.object({ version: z.string(), collections: z.int(), latencyMs: z.number() }),
  }),
});

/** POST /v1/diagnostics/roundtrip's answer stays within what the spec promises. */
export type DiagnosticsResponseConforms = Conforms<RoundTripResponse, typeof roundTrip>;

export const ROUND_TRIP_SCHEMA = openApiSchema(roundTrip, 'output');
