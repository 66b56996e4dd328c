import type { QuarryConfig } from '../config/config';
import { provisionTools, type ToolName } from '../stack/provision';
import { LocalStack } from '../stack/local-stack';

/** Provisions what the local stack will start, plus the model files, and builds the stack. */
export async function prepareLocalStack(
  config: QuarryConfig,
  options: { preferDefaultPorts: boolean; ui: boolean; log: (line: string) => void },
): Promise<{ stack: LocalStack; config: QuarryConfig }> {
  const only: ToolName[] = ['embedding', 'chat'];
  if (!config.temporal.address) only.push('temporal');
  if (!config.weaviate.url) only.push('weaviate');
  const tools = await provisionTools({
    cacheDir: config.paths.cacheDir,
    tools: config.tools,
    only,
    log: options.log,
  });
  const stack = new LocalStack({
    dataDir: config.paths.dataDir,
    namespace: config.temporal.namespace,
    external: {
      temporalAddress: config.temporal.address,
      weaviateUrl: config.weaviate.url,
      weaviateGrpcUrl: config.weaviate.grpcUrl,
      weaviateApiKey: config.weaviate.apiKey,
    },
    binaries: () => Promise.resolve({ temporal: tools.temporal, weaviate: tools.weaviate }),
    preferDefaultPorts: options.preferDefaultPorts,
    ui: options.ui,
    log: options.log,
  });
  return {
    stack,
    config: {
      ...config,
      tools: {
        ...config.tools,
        embeddingModelDir: tools.embeddingModelDir,
        chatModelPath: tools.chatModelPath,
      },
    },
  };
}
