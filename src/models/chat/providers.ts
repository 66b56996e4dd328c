/**
 * Every chat provider Quarry knows, in one table: what `QUARRY_MODEL=<name>:<model>` means, which
 * protocol family speaks to it, where it listens by default and how it gives structured replies.
 * Config validation, the model factory and the README's provider table all read this table, so a
 * new OpenAI-compatible provider is one row here (and its README block and wire-format test).
 * Pure data: the config loads it without loading any SDK.
 */

/** How a provider is asked for a reply that matches a schema. */
export type JsonMode =
  /** `response_format: {type: "json_schema", strict: true}`: the server enforces the schema. */
  | 'json_schema'
  /** `response_format: {type: "json_object"}`: valid JSON; the schema goes into the instructions. */
  | 'json_object'
  /** A forced tool call whose parameters are the schema (Anthropic). */
  | 'tool_calling'
  /** Decoding under a grammar built from the schema (local GGUF). */
  | 'grammar'
  /** No server-side mechanism: the schema goes into the instructions, the reply is checked. */
  | 'prompt';

export const JSON_MODES_OPENAI = ['json_schema', 'json_object', 'prompt'] as const;

export type ProviderFamily = 'openai' | 'anthropic' | 'gguf';

export interface ChatProvider {
  /** The prefix of a model spec, and `QUARRY_<NAME>_*` for its settings. */
  name: string;
  family: ProviderFamily;
  /** Who makes the models, for the docs. */
  label: string;
  /** Where the API listens unless `QUARRY_<NAME>_BASE_URL` says otherwise (hosted families). */
  baseUrl?: string;
  jsonMode: JsonMode;
  /** A model name to show in the docs and use in tests. */
  example: string;
  /** Whether it can run without an API key (local servers). */
  keyless?: boolean;
}

export const CHAT_PROVIDERS: readonly ChatProvider[] = [
  {
    name: 'openai',
    family: 'openai',
    label: 'OpenAI GPT (or any OpenAI-compatible server via QUARRY_OPENAI_BASE_URL)',
    baseUrl: 'https://api.openai.com/v1',
    jsonMode: 'json_schema',
    example: 'gpt-4o-mini',
  },
  {
    name: 'anthropic',
    family: 'anthropic',
    label: 'Anthropic Claude',
    baseUrl: 'https://api.anthropic.com',
    jsonMode: 'tool_calling',
    example: 'claude-3-5-haiku-latest',
  },
  {
    name: 'gemini',
    family: 'openai',
    label: 'Google Gemini (successor of PaLM), OpenAI-compatible endpoint',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    jsonMode: 'json_schema',
    example: 'gemini-2.0-flash',
  },
  {
    name: 'qianfan',
    family: 'openai',
    label: 'Baidu 文心一言 ERNIE on Qianfan (v2, OpenAI-compatible)',
    baseUrl: 'https://qianfan.baidubce.com/v2',
    jsonMode: 'json_object',
    example: 'ernie-4.0-turbo-8k',
  },
  {
    name: 'spark',
    family: 'openai',
    label: 'iFlytek 讯飞星火 Spark (HTTP, OpenAI-compatible; the key is the APIPassword)',
    baseUrl: 'https://spark-api-open.xf-yun.com/v1',
    jsonMode: 'prompt',
    example: 'generalv3.5',
  },
  {
    name: 'qwen',
    family: 'openai',
    label: 'Alibaba 通义千问 Qwen on DashScope (compatible mode)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    jsonMode: 'json_object',
    example: 'qwen-plus',
  },
  {
    name: 'glm',
    family: 'openai',
    label: 'Zhipu ChatGLM / GLM (open.bigmodel.cn v4)',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    jsonMode: 'json_object',
    example: 'glm-4-flash',
  },
  {
    name: 'baichuan',
    family: 'openai',
    label: 'Baichuan 百川',
    baseUrl: 'https://api.baichuan-ai.com/v1',
    jsonMode: 'prompt',
    example: 'Baichuan4-Turbo',
  },
  {
    name: 'deepseek',
    family: 'openai',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com/v1',
    jsonMode: 'json_object',
    example: 'deepseek-chat',
  },
  {
    name: 'moonshot',
    family: 'openai',
    label: 'Moonshot Kimi',
    baseUrl: 'https://api.moonshot.cn/v1',
    jsonMode: 'json_object',
    example: 'moonshot-v1-8k',
  },
  {
    name: 'ollama',
    family: 'openai',
    label: 'LLaMA and other open models on Ollama (vLLM and llama.cpp server: set the base URL)',
    baseUrl: 'http://127.0.0.1:11434/v1',
    jsonMode: 'json_schema',
    example: 'llama3.1:8b',
    keyless: true,
  },
  {
    name: 'gguf',
    family: 'gguf',
    label: 'LLaMA-family GGUF files run in-process by node-llama-cpp (CPU)',
    jsonMode: 'grammar',
    example: '/models/qwen2.5-1.5b-instruct-q4_k_m.gguf',
  },
];

const BY_NAME = new Map(CHAT_PROVIDERS.map((p) => [p.name, p]));

export function chatProvider(name: string): ChatProvider | undefined {
  return BY_NAME.get(name);
}

/** The providers reached over HTTP, which have `QUARRY_<NAME>_BASE_URL` and `_API_KEY`. */
export function hostedProviders(): ChatProvider[] {
  return CHAT_PROVIDERS.filter((p) => p.family !== 'gguf');
}

/** `provider` and `model` of a spec; `gguf` alone names the provisioned model (empty model). */
export function splitSpec(spec: string): { provider: string; model: string } {
  const colon = spec.indexOf(':');
  return colon < 0
    ? { provider: spec, model: '' }
    : { provider: spec.slice(0, colon), model: spec.slice(colon + 1) };
}

/** Why a model spec is not usable, or undefined when it is. */
export function specProblem(spec: string): string | undefined {
  if (spec === 'extractive' || spec === 'gguf') return undefined;
  const { provider, model } = splitSpec(spec);
  const names = CHAT_PROVIDERS.map((p) => `${p.name}:<model>`).join(', ');
  if (!chatProvider(provider) || !model.trim())
    return `must be extractive, gguf, gguf:<path> or one of ${names}`;
  return undefined;
}

export const envPrefix = (provider: ChatProvider): string =>
  `QUARRY_${provider.name.toUpperCase()}`;
