import { proxyActivities } from '@temporalio/workflow';
import type {
  DiagnosticsActivities,
  WeaviateProbe,
} from '../src/diagnostics/diagnostics.activities';

const { probeWeaviate } = proxyActivities<DiagnosticsActivities>({
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    maximumAttempts: 5,
  },
});

export interface RoundTripResult {
  weaviate: WeaviateProbe;
}

/** System check: proves the chain API → Temporal → worker → Weaviate end to end. */
export async function diagnosticsWorkflow(): Promise<RoundTripResult> {
  return { weaviate: await probeWeaviate() };
}
