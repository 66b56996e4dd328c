import { providerSettingsFromEnv, type ProviderSettings } from './chat-providers-env';
import { envSchema } from './config.schema';
import { defaultCacheDir, defaultDataDir } from './paths';
import { hashApiKey, parseApiKeys, type TenantKey } from './api-keys';
import { ingestLimits, type IngestLimits } from './ingest-limits';
import { tracingConfig, type TracingConfig } from './tracing-env';
import { parseAllowList, type WebhookAllowList } from '../webhooks/allow-list';
import { embeddingSettings, type EmbeddingSettings } from '../knowledge/embeddings/providers';
import { modelStepTimeoutMs } from '../agent/step-timeout';

export interface QuarryConfig {
  http: { port: number; host: string; localMode: boolean };
  log: { level: string };
  paths: { dataDir: string; cacheDir: string };
  /**
   * Where uploads wait for their ingestion: PostgreSQL when set (every worker host reads it),
   * else `<dataDir>/staging`, which only a worker sharing that folder can read.
   */
  staging: { databaseUrl?: string };
  /**
   * Where live tokens cross processes: PostgreSQL LISTEN/NOTIFY when set, else only within the
   * process (the worker embedded in the API).
   */
  events: { databaseUrl?: string };
  temporal: {
    /** host:port of an existing server; unset means the local stack provides one. */
    address?: string;
    namespace: string;
    taskQueue: string;
    apiKey?: string;
    tls: boolean;
    embeddedWorker: boolean;
    /** Agent steps that call no chat model run as local activities (see docs/BENCHMARKS.md). */
    localSteps: boolean;
    /** Start-to-close timeout of an agent step that calls a chat model (workflow activity). */
    modelStepTimeoutMs: number;
    workflowBundle?: string;
    /** Temporal Web UI, linked from the dashboard. */
    uiUrl?: string;
  };
  weaviate: {
    /** URL of an existing Weaviate; unset means the local stack provides one. */
    url?: string;
    grpcUrl?: string;
    apiKey?: string;
  };
  tools: {
    temporalBin?: string;
    weaviateBin?: string;
    embeddingModelDir?: string;
    chatModelPath?: string;
    temporalServerBin?: string;
    postgresBinDir?: string;
  };
  /** What `quarry start` runs, and how many worker processes the production stack has. */
  stack: { kind: 'dev' | 'production'; workers: number };
  auth: { tenants: TenantKey[] };
  /** The embedding provider and its settings (src/knowledge/embeddings/providers.ts). */
  embedding: EmbeddingSettings;
  limits: { maxUploadBytes: number; requestsPerMinute: number };
  /** Upload totals, PDF parsing bounds, the embedding window (QUARRY_MAX_UPLOAD_REQUEST_MB, QUARRY_PDF_*). */
  ingest: IngestLimits;
  chat: ChatConfig;
  webhookSecret?: string;
  /** Exceptions to the webhook address policy (QUARRY_WEBHOOK_ALLOW_HOSTS). */
  webhookAllowHosts: WebhookAllowList;
  /** Access control and per-tenant caps of the HTTP API; 0 turns a cap off. */
  access: {
    /** A server without API keys may listen on a non-loopback address (QUARRY_ALLOW_UNAUTHENTICATED). */
    allowUnauthenticated: boolean;
    /** sha256 of the key /metrics asks for, hex; unset leaves /metrics open. */
    metricsKeyHash?: string;
    maxEventStreamsPerTenant: number;
    maxRunningTasksPerTenant: number;
  };
  /** `quarry start` fills the demo knowledge base `quarry-docs` from the handbook when it is missing. */
  demoKnowledgeBase: boolean;
  mcp: { askWaitSeconds: number };
  schedules: { minIntervalSeconds: number; maxPerTenant: number };
  /** OTLP export of traces and the dashboard's trace link (src/config/tracing-env.ts). */
  tracing: TracingConfig;
}

/** The agent's roles; each may use a different model. */
export const MODEL_ROLES = ['grader', 'rewriter', 'generator', 'checker'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

export interface ChatConfig {
  /** Model spec per role (`extractive`, `<provider>:<model>`, `gguf[:<path>]`). */
  roles: Record<ModelRole, string>;
  /** Endpoint, key and JSON mode per hosted provider of src/models/chat/providers.ts. */
  providers: Record<string, ProviderSettings>;
  timeoutMs: number;
  maxTokens: number;
  /** Hosted models' context window in tokens, when set; prompts are fitted to it. */
  contextTokens?: number;
  gguf: { contextSize: number; threads?: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): QuarryConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const chatProviders = providerSettingsFromEnv(env);
  if (chatProviders.problems.length) throw new ConfigError(chatProviders.problems);
  let tenants: TenantKey[];
  try {
    tenants = parseApiKeys(e.QUARRY_API_KEYS);
  } catch (err) {
    throw new ConfigError([`QUARRY_API_KEYS: ${(err as Error).message}`]);
  }
  const localMode = tenants.length === 0;
  const ingest = ingestLimits(e);
  if (ingest.problems.length) throw new ConfigError(ingest.problems);
  let webhookAllowHosts: WebhookAllowList;
  try {
    webhookAllowHosts = parseAllowList(e.QUARRY_WEBHOOK_ALLOW_HOSTS);
  } catch (err) {
    throw new ConfigError([`QUARRY_WEBHOOK_ALLOW_HOSTS: ${(err as Error).message}`]);
  }
  const embedding = embeddingSettings(e.QUARRY_EMBEDDING_PROVIDER, e);
  if ('problem' in embedding) throw new ConfigError([embedding.problem]);
  return {
    // Without API keys Quarry is a single-user local service: never reachable from the network.
    http: { port: e.PORT, host: e.QUARRY_HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'), localMode },
    log: { level: e.QUARRY_LOG_LEVEL },
    paths: {
      dataDir: e.QUARRY_DATA_DIR ?? defaultDataDir(env),
      cacheDir: e.QUARRY_CACHE_DIR ?? defaultCacheDir(env),
    },
    staging: { databaseUrl: e.QUARRY_STAGING_DATABASE_URL },
    events: { databaseUrl: e.QUARRY_EVENTS_DATABASE_URL },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      apiKey: e.TEMPORAL_API_KEY,
      tls: e.TEMPORAL_TLS ?? Boolean(e.TEMPORAL_API_KEY),
      embeddedWorker: e.QUARRY_EMBEDDED_WORKER ?? true,
      localSteps: e.QUARRY_LOCAL_STEPS ?? true,
      modelStepTimeoutMs: modelStepTimeoutMs(
        e.QUARRY_MODEL_TIMEOUT_MS,
        e.QUARRY_AGENT_STEP_TIMEOUT_MS,
      ),
      workflowBundle: e.QUARRY_WORKFLOW_BUNDLE,
      uiUrl: e.TEMPORAL_UI_URL,
    },
    weaviate: { url: e.WEAVIATE_URL, grpcUrl: e.WEAVIATE_GRPC_URL, apiKey: e.WEAVIATE_API_KEY },
    tools: {
      temporalBin: e.QUARRY_TEMPORAL_BIN,
      weaviateBin: e.QUARRY_WEAVIATE_BIN,
      embeddingModelDir: e.QUARRY_EMBEDDING_MODEL_DIR,
      chatModelPath: e.QUARRY_CHAT_MODEL_PATH,
      temporalServerBin: e.QUARRY_TEMPORAL_SERVER_BIN,
      postgresBinDir: e.QUARRY_POSTGRES_BIN_DIR,
    },
    stack: { kind: e.QUARRY_STACK, workers: e.QUARRY_WORKERS },
    auth: { tenants },
    embedding,
    limits: {
      maxUploadBytes: Math.round(e.QUARRY_MAX_UPLOAD_MB * 1024 * 1024),
      requestsPerMinute: e.QUARRY_RATE_LIMIT_PER_MINUTE,
    },
    ingest: ingest.limits,
    webhookSecret: e.QUARRY_WEBHOOK_SECRET,
    webhookAllowHosts,
    access: {
      allowUnauthenticated: e.QUARRY_ALLOW_UNAUTHENTICATED ?? false,
      metricsKeyHash: e.QUARRY_METRICS_KEY ? hashApiKey(e.QUARRY_METRICS_KEY) : undefined,
      maxEventStreamsPerTenant: e.QUARRY_MAX_EVENT_STREAMS_PER_TENANT,
      maxRunningTasksPerTenant: e.QUARRY_MAX_RUNNING_TASKS_PER_TENANT,
    },
    demoKnowledgeBase: e.QUARRY_DEMO_KB ?? true,
    mcp: { askWaitSeconds: e.QUARRY_MCP_ASK_WAIT_SECONDS },
    schedules: {
      minIntervalSeconds: e.QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS,
      maxPerTenant: e.QUARRY_MAX_SCHEDULES_PER_TENANT,
    },
    tracing: tracingConfig(e),
    chat: {
      roles: {
        grader: e.QUARRY_MODEL_GRADER ?? e.QUARRY_MODEL,
        rewriter: e.QUARRY_MODEL_REWRITER ?? e.QUARRY_MODEL,
        generator: e.QUARRY_MODEL_GENERATOR ?? e.QUARRY_MODEL,
        checker: e.QUARRY_MODEL_CHECKER ?? e.QUARRY_MODEL,
      },
      providers: chatProviders.providers,
      timeoutMs: e.QUARRY_MODEL_TIMEOUT_MS,
      maxTokens: e.QUARRY_MODEL_MAX_TOKENS,
      ...(e.QUARRY_MODEL_CONTEXT_TOKENS !== undefined
        ? { contextTokens: e.QUARRY_MODEL_CONTEXT_TOKENS }
        : {}),
      gguf: { contextSize: e.QUARRY_GGUF_CONTEXT_SIZE, threads: e.QUARRY_GGUF_THREADS },
    },
  };
}
