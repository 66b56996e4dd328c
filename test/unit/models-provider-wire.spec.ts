import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../src/config/config';
import { askChat, CHAT_PROVIDERS, ChatModelFactory } from '../../src/models/chat';

/** One request as a provider would receive it. */
interface Recorded {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

const REPLY = { answered: true, missing: [] as string[] };

/** A fetch that records the request and answers in the protocol the URL names; no network. */
function recordingFetch(recorded: Recorded[]): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers);
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<
      string,
      unknown
    >;
    recorded.push({ url, headers, body });
    const anthropic = url.endsWith('/v1/messages');
    const payload = anthropic
      ? {
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'reply', input: REPLY }],
          stop_reason: 'tool_use',
          usage: { input_tokens: 11, output_tokens: 7 },
        }
      : {
          id: 'chatcmpl-test',
          object: 'chat.completion',
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: JSON.stringify(REPLY) },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
        };
    return Promise.resolve(
      new Response(JSON.stringify(payload), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
}

/**
 * What each provider's API expects, written out from its documentation (not derived from the
 * table under test): the endpoint, how the key travels and how a structured reply is asked for.
 */
const EXPECTED: Record<
  string,
  {
    url: string;
    auth: [string, string];
    structured: 'json_schema' | 'json_object' | 'none' | 'tool';
  }
> = {
  openai: {
    url: 'https://api.openai.com/v1/chat/completions',
    auth: ['authorization', 'Bearer key-openai'],
    structured: 'json_schema',
  },
  anthropic: {
    url: 'https://api.anthropic.com/v1/messages',
    auth: ['x-api-key', 'key-anthropic'],
    structured: 'tool',
  },
  gemini: {
    url: 'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
    auth: ['authorization', 'Bearer key-gemini'],
    structured: 'json_schema',
  },
  qianfan: {
    url: 'https://qianfan.baidubce.com/v2/chat/completions',
    auth: ['authorization', 'Bearer key-qianfan'],
    structured: 'json_object',
  },
  spark: {
    url: 'https://spark-api-open.xf-yun.com/v1/chat/completions',
    auth: ['authorization', 'Bearer key-spark'],
    structured: 'none',
  },
  qwen: {
    url: 'https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions',
    auth: ['authorization', 'Bearer key-qwen'],
    structured: 'json_object',
  },
  glm: {
    url: 'https://open.bigmodel.cn/api/paas/v4/chat/completions',
    auth: ['authorization', 'Bearer key-glm'],
    structured: 'json_object',
  },
  baichuan: {
    url: 'https://api.baichuan-ai.com/v1/chat/completions',
    auth: ['authorization', 'Bearer key-baichuan'],
    structured: 'none',
  },
  deepseek: {
    url: 'https://api.deepseek.com/v1/chat/completions',
    auth: ['authorization', 'Bearer key-deepseek'],
    structured: 'json_object',
  },
  moonshot: {
    url: 'https://api.moonshot.cn/v1/chat/completions',
    auth: ['authorization', 'Bearer key-moonshot'],
    structured: 'json_object',
  },
  ollama: {
    url: 'http://127.0.0.1:11434/v1/chat/completions',
    auth: ['authorization', 'Bearer key-ollama'],
    structured: 'json_schema',
  },
};

const schema = z.object({ answered: z.boolean(), missing: z.array(z.string()) });
const hosted = CHAT_PROVIDERS.filter((p) => p.family !== 'gguf');

describe('the request each provider receives (recorded by a fake fetch; no network)', () => {
  const env: Record<string, string> = {};
  for (const p of hosted) env[`QUARRY_${p.name.toUpperCase()}_API_KEY`] = `key-${p.name}`;
  const config = loadConfig(env);

  it('covers every hosted provider of the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(hosted.map((p) => p.name).sort());
  });

  it.each(hosted.map((p) => [p.name, p.example] as const))(
    '%s: endpoint, key, model and structured-output request',
    async (name, example) => {
      const recorded: Recorded[] = [];
      const models = new ChatModelFactory(config.chat, '/unused.gguf', recordingFetch(recorded));
      const answer = await askChat(models.forSpec(`${name}:${example}`)!, {
        system: 'Judge the draft.',
        prompt: 'Did it answer?',
        schema,
        maxTokens: 64,
      });
      expect(answer).toEqual({ value: REPLY, calls: 1, inputTokens: 11, outputTokens: 7 });
      expect(recorded).toHaveLength(1);
      const [{ url, headers, body }] = recorded;
      const expected = EXPECTED[name];
      expect(url).toBe(expected.url);
      expect(headers.get(expected.auth[0])).toBe(expected.auth[1]);
      expect(body.model).toBe(example);
      expect(body.temperature).toBe(0);
      expect(body.max_tokens).toBe(64);
      if (expected.structured === 'tool') {
        // Anthropic's messages API: the system prompt apart, the schema as a forced tool.
        expect(headers.get('anthropic-version')).toBeTruthy();
        expect(body.system).toBe('Judge the draft.');
        expect(body.messages).toEqual([{ role: 'user', content: 'Did it answer?' }]);
        expect(body.tools).toEqual([
          expect.objectContaining({
            name: 'reply',
            input_schema: expect.objectContaining({ required: ['answered', 'missing'] }),
          }),
        ]);
        expect(body.tool_choice).toEqual({ type: 'tool', name: 'reply' });
        return;
      }
      const messages = body.messages as { role: string; content: string }[];
      expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
      expect(messages[1].content).toBe('Did it answer?');
      if (expected.structured === 'json_schema') {
        expect(body.response_format).toMatchObject({
          type: 'json_schema',
          json_schema: {
            name: 'reply',
            strict: true,
            schema: { required: ['answered', 'missing'], additionalProperties: false },
          },
        });
        expect(messages[0].content).toBe('Judge the draft.');
      } else {
        // JSON mode or nothing: the schema travels in the instructions and the reply is checked.
        expect(body.response_format).toEqual(
          expected.structured === 'json_object' ? { type: 'json_object' } : undefined,
        );
        expect(messages[0].content).toContain('"required":["answered","missing"]');
      }
    },
  );

  it('a base URL and JSON mode set for one provider change only that provider', async () => {
    const recorded: Recorded[] = [];
    const custom = loadConfig({
      ...env,
      QUARRY_OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1',
      QUARRY_OPENAI_JSON_MODE: 'json_object',
    });
    const models = new ChatModelFactory(custom.chat, '/unused.gguf', recordingFetch(recorded));
    await askChat(models.forSpec('openai:Qwen/Qwen2.5-7B-Instruct')!, {
      system: 's',
      prompt: 'p',
      schema,
    });
    await askChat(models.forSpec('deepseek:deepseek-chat')!, { system: 's', prompt: 'p', schema });
    expect(recorded.map((r) => r.url)).toEqual([
      'http://127.0.0.1:8000/v1/chat/completions',
      'https://api.deepseek.com/v1/chat/completions',
    ]);
    expect(recorded[0].body.response_format).toEqual({ type: 'json_object' });
    expect(recorded[0].body.max_tokens).toBe(1024);
  });
});

describe('model specs and provider settings at boot', () => {
  it('accepts every provider of the table and refuses unknown ones, naming the choices', () => {
    for (const p of CHAT_PROVIDERS)
      expect(() => loadConfig({ QUARRY_MODEL: `${p.name}:m` })).not.toThrow();
    expect(() => loadConfig({ QUARRY_MODEL: 'palm:text-bison' })).toThrow(
      /QUARRY_MODEL="palm:text-bison": must be extractive, gguf, gguf:<path> or one of .*qwen:<model>/,
    );
    expect(() => loadConfig({ QUARRY_MODEL_GRADER: 'qwen:' })).toThrow(/QUARRY_MODEL_GRADER/);
  });

  it('refuses a bad base URL or JSON mode, naming the variable', () => {
    expect(() => loadConfig({ QUARRY_QWEN_BASE_URL: 'not a url' })).toThrow(/QUARRY_QWEN_BASE_URL/);
    expect(() => loadConfig({ QUARRY_GLM_JSON_MODE: 'yaml' })).toThrow(
      /QUARRY_GLM_JSON_MODE="yaml": must be json_schema, json_object, prompt/,
    );
    expect(() => loadConfig({ QUARRY_ANTHROPIC_JSON_MODE: 'json_object' })).toThrow(
      /QUARRY_ANTHROPIC_JSON_MODE/,
    );
  });
});

describe("the README's provider table", () => {
  it('has a row per provider with its spec, default base URL, key variable and JSON mode', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| '));
    for (const p of CHAT_PROVIDERS) {
      const row = rows.find((r) => r.split('|')[2]?.trim().startsWith(`\`${p.name}:`));
      expect(row).toBeDefined();
      if (p.baseUrl) expect(row).toContain(`\`${p.baseUrl}\``);
      if (p.family !== 'gguf' && !p.keyless)
        expect(row).toContain(`QUARRY_${p.name.toUpperCase()}_API_KEY`);
      expect(row).toContain(`\`${p.jsonMode}\``);
    }
  });
});
