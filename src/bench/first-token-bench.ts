import { loadavg } from 'node:os';
import { generate } from '../agent/nodes/generate';
import type { RetrievedChunk } from '../agent/types';
import type { QuarryConfig } from '../config/config';
import { askChat, ChatModelFactory } from '../models/chat';
import { modelAssets } from '../models/model-assets';
import { round } from './stats';

export interface FirstTokenRun {
  run: number;
  /** The first run loads the model into its worker thread. */
  cold: boolean;
  first_token_ms: number;
  full_answer_ms: number;
  output_tokens: number;
  load_1m: number;
}

/** Documents the generator is given: the shape of a real retrieval, fixed so runs compare. */
const CHUNKS: RetrievedChunk[] = [
  {
    id: 'a',
    text: 'Hybrid search combines BM25 keyword search with vector search. The alpha parameter sets the weight of the vector side: 0 is pure keyword search, 1 is pure vector search.',
    source: 'guide/search.md',
    page: null,
    headingPath: [],
    score: 1,
  },
  {
    id: 'b',
    text: 'Quarry runs every agent step as a Temporal activity. When a worker crashes, the workflow resumes from the step in flight.',
    source: 'guide/durability.md',
    page: null,
    headingPath: [],
    score: 0.5,
  },
];

/**
 * The generator's real call on the GGUF model (`gguf` = the provisioned SmolLM2-135M unless
 * QUARRY_CHAT_MODEL_PATH names another), streamed: the time to its first token beside the time
 * to the whole structured answer, `runs` times in a row, with the machine's load.
 */
export async function benchFirstToken(
  config: QuarryConfig,
  runs: number,
  say: (line: string) => void = () => undefined,
): Promise<FirstTokenRun[]> {
  const models = new ChatModelFactory(config.chat, modelAssets(config).chatModelPath);
  const model = models.forSpec('gguf')!;
  const out: FirstTokenRun[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      let first = Number.NaN;
      const answer = await askChat(model, {
        system: generate.model.system,
        prompt: generate.model.prompt(
          {
            question: 'What does the alpha parameter set?',
            chunks: CHUNKS,
          },
          { contextTokens: model.contextTokens },
        ),
        schema: generate.model.schema,
        maxTokens: 160,
        onToken: () => {
          if (Number.isNaN(first)) first = performance.now() - started;
        },
      });
      const figures: FirstTokenRun = {
        run,
        cold: run === 1,
        first_token_ms: round(first),
        full_answer_ms: round(performance.now() - started),
        output_tokens: answer.outputTokens,
        load_1m: round(loadavg()[0]),
      };
      out.push(figures);
      say(`tokens: ${JSON.stringify(figures)}`);
    }
  } finally {
    await models.close();
  }
  return out;
}
