import { z } from 'zod';
import { EMBEDDING_PROVIDER_NAMES } from '../knowledge/embeddings/providers';
import { specProblem } from '../models/chat/providers';
import { tracingEnvSchema } from './tracing-env';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** A whole number within bounds; unset or empty takes the default. */
const wholeNumber = (min: number, max: number, fallback: number) => {
  const range = `must be a whole number between ${min} and ${max}`;
  return z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ message: range })
      .int(range)
      .min(min, range)
      .max(max, range)
      .default(fallback),
  );
};

const url = z.url({ message: 'must be a URL such as http://127.0.0.1:8080' });
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The providers' table decides which specs exist (src/models/chat/providers.ts). */
const modelSpec = z.string().superRefine((spec, ctx) => {
  const problem = specProblem(spec);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * 20 times what the 196-page pumpkin_book.pdf took to parse on a loaded 2-core machine (15-17 s);
 * loaders use the same defaults when called without configuration (tests, benchmarks).
 */
export const DEFAULT_PDF_TIMEOUT_SECONDS = 300;
export const DEFAULT_PDF_MAX_MEMORY_MB = 1024;

/**
 * Every environment variable Quarry reads, validated once at boot.
 * Names are the public contract: README, docker-compose.yml and the Dockerfile use them.
 */
export const envSchema = z.object({
  /** 0 listens on a free port; `quarry start` and `quarry serve` print the one they got. */
  PORT: port.default(3000),
  QUARRY_HOST: optional(z.string().min(1)),
  QUARRY_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  QUARRY_DATA_DIR: optional(z.string().min(1)),
  QUARRY_CACHE_DIR: optional(z.string().min(1)),
  /** Stage uploads in PostgreSQL (its database created on first use) instead of the data folder. */
  QUARRY_STAGING_DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/[^\s]+$/,
        'must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/quarry_staging',
      ),
  ),
  /**
   * Live answer tokens between worker and API processes over PostgreSQL LISTEN/NOTIFY; unset, they
   * stay within one process (a worker embedded in the API).
   */
  QUARRY_EVENTS_DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/[^\s]+$/,
        'must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/postgres',
      ),
  ),
  QUARRY_EMBEDDED_WORKER: optional(bool),
  QUARRY_API_KEYS: optional(z.string()),
  /** `quarry start` ingests Quarry's handbook into `quarry-docs` when that knowledge base is missing. */
  QUARRY_DEMO_KB: optional(bool),
  QUARRY_LOCAL_STEPS: optional(bool),
  /** Start-to-close timeout of a model-backed agent step; default max(5 min, 2 × QUARRY_MODEL_TIMEOUT_MS). */
  QUARRY_AGENT_STEP_TIMEOUT_MS: optional(z.coerce.number().int().min(10_000).max(86_400_000)),

  TEMPORAL_ADDRESS: optional(z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port')),
  TEMPORAL_NAMESPACE: z.string().min(1).default('quarry'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('quarry'),
  TEMPORAL_API_KEY: optional(z.string()),
  TEMPORAL_UI_URL: optional(url),
  TEMPORAL_TLS: optional(bool),
  /** A workflow bundle built ahead of time (`quarry bundle`); without it the worker bundles at start. */
  QUARRY_WORKFLOW_BUNDLE: optional(z.string().min(1)),

  WEAVIATE_URL: optional(url),
  WEAVIATE_GRPC_URL: optional(url),
  WEAVIATE_API_KEY: optional(z.string()),

  /** The rows of src/knowledge/embeddings/providers.ts; the first is the default. */
  QUARRY_EMBEDDING_PROVIDER: z.enum(EMBEDDING_PROVIDER_NAMES).default(EMBEDDING_PROVIDER_NAMES[0]),
  QUARRY_EMBEDDING_MODEL: optional(z.string().min(1)),
  QUARRY_EMBEDDING_BASE_URL: optional(url),
  QUARRY_EMBEDDING_API_KEY: optional(z.string()),
  QUARRY_EMBEDDING_DIMENSIONS: optional(z.coerce.number().int().min(1).max(8192)),
  QUARRY_EMBEDDING_THREADS: optional(z.coerce.number().int().min(1).max(64)),
  /** Texts per request to an OpenAI-compatible endpoint (a CPU server may need small batches). */
  QUARRY_EMBEDDING_BATCH_SIZE: wholeNumber(1, 2048, 64),
  /** How long one request to an OpenAI-compatible endpoint may take before it is abandoned. */
  QUARRY_EMBEDDING_TIMEOUT_MS: wholeNumber(1000, 3_600_000, 60_000),
  QUARRY_MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(50),
  /** Signs completion webhooks (HMAC-SHA256); tasks can ask for a webhook only when it is set. */
  QUARRY_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
  /** Host names and CIDRs webhooks may reach although the address policy refuses them (local receivers). */
  QUARRY_WEBHOOK_ALLOW_HOSTS: optional(z.string()),
  /** Requests a minute per tenant on /v1 routes; 0 turns the limit off. */
  QUARRY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** How long the MCP `ask` tool waits for an answer before it returns the task id instead. */
  QUARRY_MCP_ASK_WAIT_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** The shortest time between two runs a schedule may ask for (cron or every). */
  QUARRY_SCHEDULE_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(60),
  /** Schedules one tenant may hold; `0` turns the bound off. */
  QUARRY_MAX_SCHEDULES_PER_TENANT: z.coerce.number().int().min(0).max(100_000).default(50),

  /** `extractive`, `<provider>:<model>` (providers.ts), `gguf` or `gguf:<path>`; per role below. */
  QUARRY_MODEL: modelSpec.default('extractive'),
  QUARRY_MODEL_GRADER: optional(modelSpec),
  QUARRY_MODEL_REWRITER: optional(modelSpec),
  QUARRY_MODEL_GENERATOR: optional(modelSpec),
  QUARRY_MODEL_CHECKER: optional(modelSpec),
  // QUARRY_<PROVIDER>_BASE_URL, _API_KEY and _JSON_MODE are read per provider: chat-providers-env.ts
  QUARRY_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  QUARRY_MODEL_MAX_TOKENS: z.coerce.number().int().min(16).max(32_768).default(1024),
  /** A hosted model's context window in tokens: prompts are fitted to it (unset: sent whole). */
  QUARRY_MODEL_CONTEXT_TOKENS: optional(z.coerce.number().int().min(512).max(2_000_000)),
  QUARRY_GGUF_CONTEXT_SIZE: z.coerce.number().int().min(512).max(131_072).default(8192),
  QUARRY_GGUF_THREADS: optional(z.coerce.number().int().min(1).max(64)),

  // ---- Ingestion limits (uploads, PDF parsing, the embedding model's input window) ----
  /** Total size of all files in one upload request, in MB; default the larger of 100 and QUARRY_MAX_UPLOAD_MB. */
  QUARRY_MAX_UPLOAD_REQUEST_MB: optional(z.coerce.number().positive().max(16_384)),
  /** Longest one PDF may take to parse before its ingestion fails, in seconds. */
  QUARRY_PDF_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(DEFAULT_PDF_TIMEOUT_SECONDS),
  /** Heap of the worker thread that parses one PDF, in MB. */
  QUARRY_PDF_MAX_MEMORY_MB: z.coerce
    .number()
    .int()
    .min(32)
    .max(16_384)
    .default(DEFAULT_PDF_MAX_MEMORY_MB),
  // ---- end of ingestion limits ----

  QUARRY_TEMPORAL_BIN: optional(z.string().min(1)),
  QUARRY_WEAVIATE_BIN: optional(z.string().min(1)),
  QUARRY_EMBEDDING_MODEL_DIR: optional(z.string().min(1)),
  QUARRY_CHAT_MODEL_PATH: optional(z.string().min(1)),
  QUARRY_TEMPORAL_SERVER_BIN: optional(z.string().min(1)),
  QUARRY_POSTGRES_BIN_DIR: optional(z.string().min(1)),

  /** What `quarry start` runs: `dev` (Temporal dev server, one process) or `production`. */
  QUARRY_STACK: z
    .enum(['dev', 'production'], { message: 'must be dev or production' })
    .default('dev'),
  /** Worker processes of the production stack. */
  QUARRY_WORKERS: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 16')
    .max(16, 'must be between 1 and 16')
    .default(2),

  // ---- Access control and per-tenant caps of the HTTP API (docs/DEPLOY.md, "Security") ----
  /** Lets a server without QUARRY_API_KEYS listen on a non-loopback address (anyone reaching it has full access). */
  QUARRY_ALLOW_UNAUTHENTICATED: optional(bool),
  /** When set, GET /metrics needs `Authorization: Bearer <this key>`. */
  QUARRY_METRICS_KEY: optional(z.string().min(16, 'must be at least 16 characters')),
  /** Open Server-Sent Event streams per tenant; 0 turns the cap off. */
  QUARRY_MAX_EVENT_STREAMS_PER_TENANT: z.coerce.number().int().min(0).max(100_000).default(20),
  /** Tasks per tenant that have not ended (queued, running, waiting for input); 0 turns the cap off. */
  QUARRY_MAX_RUNNING_TASKS_PER_TENANT: z.coerce.number().int().min(0).max(100_000).default(20),

  // ---- Traces (src/config/tracing-env.ts, README "Traces") ----
  ...tracingEnvSchema,
});

export type RawEnv = z.infer<typeof envSchema>;
