import { provisionTool } from './provision-tool';
import { TOOL_SPECS } from './tool-specs';
import { TOOL_NAMES, type ProvisionOptions, type ToolPaths } from './types';

export { ProvisionError } from './errors';
export { findEmbeddingModelFiles, type EmbeddingModelFiles } from './existing-copies';
export { defaultDownloaders } from './downloaders';
export { provisionTool } from './provision-tool';
export { runSetup, type SetupOptions } from './setup-command';
export { TOOL_SPECS, type ToolSpec } from './tool-specs';
export {
  PRODUCTION_TOOL_NAMES,
  TOOL_NAMES,
  type DownloadContext,
  type Downloader,
  type Downloaders,
  type ProvisionedTool,
  type ProvisionOptions,
  type ToolName,
  type ToolPaths,
  type ToolSource,
} from './types';

/** Provides the tools asked for (all four when `only` is unset) and returns their paths. */
export async function provisionTools(opts: ProvisionOptions): Promise<Partial<ToolPaths>> {
  const paths: Partial<ToolPaths> = {};
  for (const name of opts.only ?? TOOL_NAMES) {
    const tool = await provisionTool(name, opts);
    paths[TOOL_SPECS[name].resultKey] = tool.path;
  }
  return paths;
}
