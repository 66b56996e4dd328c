import { loadConfig } from '../../src/config/config';
import { generate } from '../../src/agent/nodes/generate';
import { askChat, ChatModelFactory } from '../../src/models/chat';
import { LlamaRuntime } from '../../src/models/chat/llama-runtime';
import { modelAssets } from '../../src/models/model-assets';

/** The real SmolLM2-135M GGUF that `quarry setup` provisions, run by node-llama-cpp. */
const config = loadConfig({ ...process.env, QUARRY_GGUF_CONTEXT_SIZE: '2048' });
const ggufPath = modelAssets(config).chatModelPath;

describe('the GGUF model through the LangChain layer (real SmolLM2-135M)', () => {
  const models = new ChatModelFactory(config.chat, ggufPath);
  afterAll(() => models.close());

  it('answers the generator under its grammar, streaming tokens as they are decoded', async () => {
    const tokens: string[] = [];
    const answer = await askChat(models.forSpec('gguf')!, {
      system: generate.model.system,
      prompt: generate.model.prompt(
        {
          question: 'What does alpha set?',
          chunks: [
            {
              id: 'c1',
              text: 'The alpha parameter sets the weight of the vector side.',
              source: 'guide.md',
              page: null,
              headingPath: [],
              score: 1,
            },
          ],
        },
        {},
      ),
      schema: generate.model.schema,
      maxTokens: 96,
      onToken: (t) => tokens.push(t),
    });
    // The grammar keeps even a 135M model in shape: the first reply already matches.
    expect(answer.value).toBeDefined();
    expect(answer.calls).toBe(1);
    expect(answer.inputTokens).toBeGreaterThan(50);
    expect(tokens.length).toBeGreaterThan(3);
    expect(JSON.parse(tokens.join(''))).toEqual(answer.value);
  }, 240_000);

  it('closing while it decodes ends the thread cleanly (terminating it would abort the process)', async () => {
    const runtime = new LlamaRuntime({ modelPath: ggufPath, contextSize: 2048, threads: 2 });
    let decoded = 0;
    const pending = runtime
      .chat({
        system: 'Be verbose.',
        prompt: 'Tell a long story.',
        maxTokens: 400,
        onToken: () => decoded++,
      })
      .catch((err: unknown) => err);
    while (decoded < 3) await new Promise((r) => setTimeout(r, 50));
    await runtime.close();
    expect(await pending).toMatchObject({ name: 'AbortError' });
  }, 240_000);
});
