import { z } from 'zod';

/** Where spans go and how a trace is linked (README, "Traces"). */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL; unset exports nothing. */
  otlpTracesUrl?: string;
  /** OTEL_EXPORTER_OTLP_HEADERS: e.g. Langfuse's `Authorization=Basic …`. */
  headers: Record<string, string>;
  serviceName: string;
  /** QUARRY_TRACE_URL_TEMPLATE: the dashboard links a task's trace id through it. */
  urlTemplate?: string;
}

const url = z.url({ message: 'must be a URL such as http://127.0.0.1:4318' });
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The standard OpenTelemetry variables Quarry honours, and its own trace link. */
export const tracingEnvSchema = {
  /** Base URL of an OTLP/HTTP collector; traces go to `<it>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(url),
  /** The full traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(url),
  /** `key=value` pairs separated by commas (values URL-encoded), sent with every export. */
  OTEL_EXPORTER_OTLP_HEADERS: optional(
    z
      .string()
      .regex(
        /^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/,
        'must be key=value pairs separated by commas',
      ),
  ),
  OTEL_SERVICE_NAME: optional(z.string().min(1).max(200)),
  QUARRY_TRACE_URL_TEMPLATE: optional(
    z
      .string()
      .regex(/^https?:\/\/\S*\{traceId\}\S*$/, 'must be an http(s) URL containing {traceId}'),
  ),
};

type TracingEnv = {
  [K in keyof typeof tracingEnvSchema]?: string;
};

function headersOf(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of raw?.split(',') ?? []) {
    const at = pair.indexOf('=');
    headers[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

export function tracingConfig(e: TracingEnv): TracingConfig {
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  const traces = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined);
  return {
    ...(traces ? { otlpTracesUrl: traces } : {}),
    headers: headersOf(e.OTEL_EXPORTER_OTLP_HEADERS),
    serviceName: e.OTEL_SERVICE_NAME ?? 'quarry',
    ...(e.QUARRY_TRACE_URL_TEMPLATE ? { urlTemplate: e.QUARRY_TRACE_URL_TEMPLATE } : {}),
  };
}
