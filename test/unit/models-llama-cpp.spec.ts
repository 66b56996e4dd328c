import { z } from 'zod';
import { askChat, LlamaCppChatModel, type ChatModel } from '../../src/models/chat';
import type { LlamaRequest, LlamaRuntime } from '../../src/models/chat/llama-runtime';

/** Stands in for the worker thread: records requests, "decodes" a scripted text piece by piece. */
function fakeRuntime(...texts: string[]) {
  const seen: LlamaRequest[] = [];
  const runtime = {
    chat: (request: LlamaRequest) => {
      seen.push(request);
      const text = texts.shift();
      if (text === undefined) return Promise.reject(new Error('the script ran out'));
      for (const piece of text.match(/.{1,5}/gs) ?? []) request.onToken?.(piece);
      return Promise.resolve({ text, inputTokens: 40, outputTokens: 9 });
    },
  };
  return { runtime: runtime as unknown as LlamaRuntime, seen };
}

function ggufChat(runtime: LlamaRuntime): ChatModel {
  return {
    id: 'gguf:/models/test.gguf',
    jsonMode: 'grammar',
    langchain: (shape = {}) =>
      new LlamaCppChatModel({
        runtime,
        maxTokens: shape.maxTokens ?? 256,
        streaming: shape.streaming ?? false,
      }),
  };
}

const reply = z.object({ sentences: z.array(z.object({ text: z.string(), document: z.int() })) });

describe('LlamaCppChatModel: a LangChain chat model over the node-llama-cpp worker', () => {
  it('withStructuredOutput binds the schema as a tool, decoded under its grammar', async () => {
    const { runtime, seen } = fakeRuntime('{"sentences":[{"text":"Alpha weights.","document":1}]}');
    const answer = await askChat(ggufChat(runtime), {
      system: 'Answer from the documents.',
      prompt: 'What does alpha set?',
      schema: reply,
      maxTokens: 96,
    });
    expect(answer).toEqual({
      value: { sentences: [{ text: 'Alpha weights.', document: 1 }] },
      calls: 1,
      inputTokens: 40,
      outputTokens: 9,
    });
    expect(seen[0]).toMatchObject({
      system: 'Answer from the documents.',
      prompt: 'What does alpha set?',
      maxTokens: 96,
    });
    // The grammar's schema, without zod's safe-integer bounds grammar builders choke on.
    expect(seen[0].schema).toMatchObject({ required: ['sentences'] });
    expect(JSON.stringify(seen[0].schema)).not.toContain('9007199254740991');
  });

  it('streams the decoded text to token listeners, and passes the cancellation signal', async () => {
    const { runtime, seen } = fakeRuntime('{"sentences":[]}');
    const tokens: string[] = [];
    const controller = new AbortController();
    await askChat(ggufChat(runtime), {
      system: 's',
      prompt: 'p',
      schema: reply,
      signal: controller.signal,
      onToken: (t) => tokens.push(t),
    });
    expect(tokens.join('')).toBe('{"sentences":[]}');
    expect(tokens.length).toBeGreaterThan(1);
    expect(seen[0].signal).toBe(controller.signal);
  });

  it('a reply that breaks off (token budget) gets one repair request with its text', async () => {
    const { runtime, seen } = fakeRuntime('{"sentences":[{"text":"Alp', '{"sentences":[]}');
    const answer = await askChat(ggufChat(runtime), { system: 's', prompt: 'p', schema: reply });
    expect(answer).toMatchObject({ value: { sentences: [] }, calls: 2 });
    expect(seen[1].prompt).toContain('Assistant: {"sentences":[{"text":"Alp');
    expect(seen[1].prompt).toContain('does not match the required JSON schema');
  });

  it('plain text without a schema: no grammar', async () => {
    const { runtime, seen } = fakeRuntime('hybrid search alpha');
    const answer = await askChat(ggufChat(runtime), {
      system: 's',
      prompt: 'p',
      schema: z.string(),
    });
    expect(answer.value).toBe('hybrid search alpha');
    expect(seen[0].schema).toBeUndefined();
  });
});
