import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { QuarryConfig } from '../config/config';
import { cachedResultPath, TOOL_SPECS } from '../stack/provision/tool-specs';

export interface ModelAssets {
  embeddingModelDir: string;
  chatModelPath: string;
}

/** Where the model files are: configured paths win, otherwise where `quarry setup` puts them. */
export function modelAssets(config: QuarryConfig): ModelAssets {
  const { cacheDir } = config.paths;
  return {
    embeddingModelDir:
      config.tools.embeddingModelDir ?? cachedResultPath(TOOL_SPECS.embedding, cacheDir),
    chatModelPath: config.tools.chatModelPath ?? cachedResultPath(TOOL_SPECS.chat, cacheDir),
  };
}

/** Problems that keep the embedding model from loading; empty when it can. */
export function embeddingModelProblems(dir: string): string[] {
  if (!existsSync(dir))
    return [`embedding model folder ${dir} does not exist (run \`quarry setup\`)`];
  const files = readdirSync(dir);
  const problems: string[] = [];
  const onnx = files.find((f) => f.endsWith('.onnx'));
  if (!onnx) problems.push(`no .onnx file in ${dir}`);
  else if (statSync(join(dir, onnx)).size < 1_000_000)
    problems.push(`${onnx} in ${dir} is truncated`);
  if (!files.some((f) => f.endsWith('tokenizer.json')))
    problems.push(`no tokenizer json in ${dir}`);
  return problems;
}
