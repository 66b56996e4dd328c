import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// docker-compose.yml as the deployment tests read it: services, their environment with `.env`
// values filled in, ports and health checks.

export const root = join(__dirname, '..', '..');
export const read = (path: string) => readFileSync(join(root, path), 'utf8');

export type Port = string | number | { target: number };
export interface Service {
  image?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Port[];
  expose?: (string | number)[];
  volumes?: string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}

export const composeText = read('docker-compose.yml');
export const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
export const services = compose.services;
export const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};

/** A service's environment as written in the file (before ${...} interpolation). */
export function rawEnv(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.split('=')[0] ?? '', line.split('=').slice(1).join('=')])
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries) as Record<string, string>;
}

// Stand-in for a filled-in .env; values only need to pass Quarry's validation.
export const dotenv: Record<string, string> = {
  QUARRY_API_KEYS: 'acme:0123456789abcdef0123456789abcdef',
  WEAVIATE_API_KEY: 'weaviate-key-0123456789abcdef',
  POSTGRES_PASSWORD: 'postgres-password-0123456789',
};

/** Compose's interpolation: $$, ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}. */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g,
    (all, name?: string, colon?: string, op?: string, arg?: string) => {
      if (all === '$$' || !name) return '$';
      const v = vars[name];
      const missing = colon ? !v : v === undefined;
      if (!missing || !op) return v ?? '';
      if (op === '-') return arg ?? '';
      throw new Error(`${name}: ${arg ?? 'required'}`);
    },
  );
}

export const env = (name: string) =>
  Object.fromEntries(Object.entries(rawEnv(name)).map(([k, v]) => [k, interpolate(v, dotenv)]));
export const refs = (value: string) => [...value.matchAll(/\$\{(\w+)/g)].map((m) => m[1]);

export function containerPorts(s: Service, published = false): number[] {
  const fromPorts = (s.ports ?? []).map((p) =>
    typeof p === 'object' ? p.target : Number(String(p).split('/')[0]?.split(':').at(-1)),
  );
  return published ? fromPorts : [...fromPorts, ...(s.expose ?? []).map(Number)];
}

export const healthTest = (s: Service) => [s.healthcheck?.test ?? []].flat().join(' ');
export const hostPort = (address: string) => {
  const [host, port] = address.split(':');
  return { host, port: Number(port) };
};

export const quarryServices = ['quarry-api', 'quarry-worker'];
