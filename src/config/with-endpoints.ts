import type { StackEndpoints } from '../stack/local-stack';
import type { QuarryConfig } from './config';

/** The config with the servers a local stack provides filled in. */
export function withEndpoints(config: QuarryConfig, endpoints: StackEndpoints): QuarryConfig {
  return {
    ...config,
    temporal: {
      ...config.temporal,
      address: endpoints.temporal.address,
      uiUrl: config.temporal.uiUrl ?? endpoints.temporal.uiUrl,
    },
    weaviate: {
      ...config.weaviate,
      url: endpoints.weaviate.url,
      grpcUrl: endpoints.weaviate.grpcUrl,
      apiKey: endpoints.weaviate.apiKey,
    },
    staging: { databaseUrl: config.staging.databaseUrl ?? endpoints.staging?.databaseUrl },
    events: { databaseUrl: config.events.databaseUrl ?? endpoints.events?.databaseUrl },
  };
}
