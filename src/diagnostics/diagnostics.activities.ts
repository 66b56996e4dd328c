import type { WeaviateClient } from 'weaviate-client';

export interface WeaviateProbe {
  version: string;
  collections: number;
  latencyMs: number;
}

export interface DiagnosticsDeps {
  weaviate: () => Promise<WeaviateClient>;
}

/** Activities of the system check: the thinnest path through API → Temporal → worker → Weaviate. */
export function createDiagnosticsActivities({ weaviate }: DiagnosticsDeps) {
  return {
    async probeWeaviate(): Promise<WeaviateProbe> {
      const started = performance.now();
      const client = await weaviate();
      const [meta, collections] = await Promise.all([
        client.getMeta(),
        client.collections.listAll(),
      ]);
      return {
        version: String(meta.version),
        collections: collections.length,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
  };
}

export type DiagnosticsActivities = ReturnType<typeof createDiagnosticsActivities>;
