export type ToolName = 'temporal' | 'weaviate' | 'embedding' | 'chat' | 'temporal-server';

/** What `quarry setup` provides by default: everything the light dev-server stack needs. */
export const TOOL_NAMES: readonly ToolName[] = ['temporal', 'weaviate', 'embedding', 'chat'];

/** Added by `quarry setup --stack production`: the Temporal server the production stack runs. */
export const PRODUCTION_TOOL_NAMES: readonly ToolName[] = ['temporal-server'];

export interface ToolPaths {
  temporal: string;
  weaviate: string;
  embeddingModelDir: string;
  chatModelPath: string;
  temporalServer: string;
}

export type Env = Record<string, string | undefined>;

/** Where a tool came from: the env var, the cache, PATH, or a fresh download/build. */
export type ToolSource = 'env' | 'cached' | 'path' | 'downloaded';

export interface ProvisionedTool {
  name: ToolName;
  /** Human-readable version, e.g. "1.9.1" or "bge-small-zh-v1.5". */
  version: string;
  path: string;
  source: ToolSource;
}

export interface DownloadContext {
  /** An empty directory inside the cache; put the tool's files here under their final names. */
  stagingDir: string;
  env: Env;
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** Fetches one tool into `ctx.stagingDir`; the caller moves the files into place. */
export type Downloader = (ctx: DownloadContext) => Promise<void>;

export type Downloaders = Record<ToolName, Downloader>;

export interface ProvisionOptions {
  cacheDir: string;
  tools: {
    temporalBin?: string;
    weaviateBin?: string;
    embeddingModelDir?: string;
    chatModelPath?: string;
    temporalServerBin?: string;
  };
  only?: ToolName[];
  log?: (line: string) => void;
  /** Environment for child commands and PATH lookups; defaults to process.env. */
  env?: Env;
  /** Replaces the real downloaders (tests). */
  downloaders?: Partial<Downloaders>;
  signal?: AbortSignal;
  /** Lock timing; defaults suit real setups. */
  lock?: { staleMs?: number; pollMs?: number };
}
