import { z } from 'zod';
import {
  envPrefix,
  hostedProviders,
  JSON_MODES_OPENAI,
  type JsonMode,
} from '../models/chat/providers';

/** Where and how one hosted provider is reached. */
export interface ProviderSettings {
  baseUrl: string;
  apiKey?: string;
  jsonMode: JsonMode;
}

const url = z.url({ message: 'must be a URL such as http://127.0.0.1:8080' });

/**
 * `QUARRY_<PROVIDER>_BASE_URL`, `_API_KEY` and (OpenAI family) `_JSON_MODE` for every hosted
 * provider of the table, with the table's defaults; the problems name the variable.
 */
export function providerSettingsFromEnv(env: Record<string, string | undefined>): {
  providers: Record<string, ProviderSettings>;
  problems: string[];
} {
  const providers: Record<string, ProviderSettings> = {};
  const problems: string[] = [];
  const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  for (const provider of hostedProviders()) {
    const prefix = envPrefix(provider);
    const baseUrl = read(`${prefix}_BASE_URL`) ?? provider.baseUrl!;
    if (!url.safeParse(baseUrl).success)
      problems.push(`${prefix}_BASE_URL=${JSON.stringify(baseUrl)}: must be a URL`);
    let jsonMode = provider.jsonMode;
    const mode = read(`${prefix}_JSON_MODE`);
    if (mode !== undefined) {
      if (provider.family === 'openai' && (JSON_MODES_OPENAI as readonly string[]).includes(mode))
        jsonMode = mode as JsonMode;
      else
        problems.push(
          `${prefix}_JSON_MODE=${JSON.stringify(mode)}: must be ${provider.family === 'openai' ? JSON_MODES_OPENAI.join(', ') : `unset (${provider.name} uses ${provider.jsonMode})`}`,
        );
    }
    const apiKey = read(`${prefix}_API_KEY`);
    providers[provider.name] = { baseUrl, jsonMode, ...(apiKey ? { apiKey } : {}) };
  }
  return { providers, problems };
}

/** The per-provider variables, for checks that a deployment sets only variables Quarry reads. */
export function providerEnvNames(): string[] {
  return hostedProviders().flatMap((p) => {
    const prefix = envPrefix(p);
    return [`${prefix}_BASE_URL`, `${prefix}_API_KEY`, `${prefix}_JSON_MODE`];
  });
}
