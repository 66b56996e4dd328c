import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Downloaders, ToolName } from '../../src/stack/provision';

const made: string[] = [];

export async function tempDir(prefix = 'quarry-provision-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function writeFileAt(path: string, content: string, mode = 0o644): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

export function writeScript(path: string, body: string): Promise<string> {
  return writeFileAt(path, `#!/bin/sh\n${body}\n`, 0o755);
}

export const CACHED = {
  temporal: 'bin/temporal-1.9.1/temporal',
  weaviate: 'bin/weaviate-v1.38.11/weaviate-server',
  embeddingDir: 'models/bge-small-zh-v1.5',
  chat: 'models/smollm2-135m-instruct/SmolLM2-135M-Instruct.Q4_1.gguf',
};

/** A cache laid out exactly like a real warm one, with tiny fake contents. */
export async function warmCache(cacheDir: string): Promise<void> {
  await writeScript(join(cacheDir, CACHED.temporal), 'echo "temporal version 1.9.1 (fake)"');
  await writeScript(join(cacheDir, CACHED.weaviate), 'echo "Usage: weaviate-server [OPTIONS]"');
  const model = join(cacheDir, CACHED.embeddingDir);
  await writeFileAt(join(model, 'bge-small-zh-v1.5.onnx'), 'onnx');
  await writeFileAt(join(model, 'bge-small-zh-v1.5-tokenizer.json'), '{}');
  await writeFileAt(join(cacheDir, CACHED.chat), 'gguf');
}

/** Downloaders that fail the test if anything tries to download. */
export const noDownloads: Downloaders = {
  temporal: () => Promise.reject(new Error('unexpected temporal download')),
  weaviate: () => Promise.reject(new Error('unexpected weaviate build')),
  embedding: () => Promise.reject(new Error('unexpected embedding download')),
  chat: () => Promise.reject(new Error('unexpected chat download')),
  'temporal-server': () => Promise.reject(new Error('unexpected temporal-server build')),
};

export const ALL_TOOLS: ToolName[] = [
  'temporal',
  'weaviate',
  'embedding',
  'chat',
  'temporal-server',
];

export const ENV_VARS: Record<ToolName, string> = {
  temporal: 'QUARRY_TEMPORAL_BIN',
  weaviate: 'QUARRY_WEAVIATE_BIN',
  embedding: 'QUARRY_EMBEDDING_MODEL_DIR',
  chat: 'QUARRY_CHAT_MODEL_PATH',
  'temporal-server': 'QUARRY_TEMPORAL_SERVER_BIN',
};

export const CONFIG_KEYS = {
  temporal: 'temporalBin',
  weaviate: 'weaviateBin',
  embedding: 'embeddingModelDir',
  chat: 'chatModelPath',
  'temporal-server': 'temporalServerBin',
} as const;
