import type { WeaviateClient } from 'weaviate-client';
import { createDiagnosticsActivities } from '../diagnostics/diagnostics.activities';

export interface ActivityDeps {
  weaviate: () => Promise<WeaviateClient>;
}

/** Every activity the worker serves, built from injected dependencies (no globals). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDiagnosticsActivities(deps),
  };
}

export type QuarryActivities = ReturnType<typeof createActivities>;
