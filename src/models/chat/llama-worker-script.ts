import type { JsonSchema } from './types';

export interface LlamaWorkerData {
  /** file: URL of node-llama-cpp's entry point; it is ESM with top-level await, so it is imported. */
  moduleUrl: string;
  modelPath: string;
  contextSize: number;
  threads: number;
}

export interface LlamaChatCall {
  kind: 'chat';
  id: number;
  system: string;
  prompt: string;
  schema?: JsonSchema;
  maxTokens: number;
  /** Post each decoded piece of text as a `token` message. */
  stream: boolean;
}

export type LlamaWorkerRequest =
  | LlamaChatCall
  | { kind: 'abort'; id: number }
  /** Stop generating, free the model and end the thread (terminating it mid-decode aborts Node). */
  | { kind: 'close' };

export type LlamaWorkerMessage =
  | { kind: 'ready' }
  | { kind: 'load-failed'; message: string }
  | { kind: 'token'; id: number; text: string }
  | { kind: 'reply'; id: number; text: string; inputTokens: number; outputTokens: number }
  | { kind: 'failed'; id: number; message: string; aborted: boolean };

/*
 * The worker's code, plain JavaScript so it runs the same under Jest, ts-node or dist. A worker
 * thread because node-llama-cpp is an ES module with top-level await (a CommonJS process can only
 * reach it through a real `import()`, which Jest's sandbox does not offer) and so generation never
 * competes with the API or the Temporal worker for the main event loop. One context sequence:
 * calls run one at a time, each from a clean history, with greedy sampling so the same prompt
 * gives the same reply.
 */
export const LLAMA_WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  let llama, model, sequence, LlamaChatSession;
  try {
    const lib = await import(workerData.moduleUrl);
    LlamaChatSession = lib.LlamaChatSession;
    llama = await lib.getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: 'error' });
    model = await llama.loadModel({ modelPath: workerData.modelPath });
    const context = await model.createContext({
      contextSize: Math.min(workerData.contextSize, model.trainContextSize),
      threads: workerData.threads,
    });
    sequence = context.getSequence();
  } catch (err) {
    parentPort.postMessage({ kind: 'load-failed', message: String(err && err.message || err) });
    return;
  }
  const grammars = new Map();
  const aborts = new Map();
  let queue = Promise.resolve();
  async function run(call) {
    const controller = aborts.get(call.id);
    if (!controller || controller.signal.aborted) throw Object.assign(new Error('aborted'), { aborted: true });
    let grammar;
    if (call.schema) {
      const key = JSON.stringify(call.schema);
      if (!grammars.has(key)) grammars.set(key, await llama.createGrammarForJsonSchema(call.schema));
      grammar = grammars.get(key);
    }
    const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: call.system, autoDisposeSequence: false });
    try {
      const text = await session.prompt(call.prompt, {
        grammar, maxTokens: call.maxTokens, temperature: 0, signal: controller.signal,
        onTextChunk: call.stream
          ? (text) => parentPort.postMessage({ kind: 'token', id: call.id, text })
          : undefined,
      });
      const inputTokens = model.tokenize(call.system + call.prompt).length;
      const outputTokens = model.tokenize(text).length;
      return { text, inputTokens, outputTokens };
    } finally {
      session.dispose({ disposeSequence: false });
      await sequence.clearHistory();
    }
  }
  let closing = false;
  parentPort.on('message', (req) => {
    if (req.kind === 'close') {
      if (closing) return;
      closing = true;
      for (const c of aborts.values()) c.abort();
      queue.catch(() => undefined)
        .then(() => model.dispose())
        .then(() => llama.dispose())
        .catch(() => undefined)
        .finally(() => process.exit(0));
      return;
    }
    if (req.kind === 'abort') { const c = aborts.get(req.id); if (c) c.abort(); return; }
    aborts.set(req.id, new AbortController());
    queue = queue.then(() => run(req)).then(
      (r) => parentPort.postMessage({ kind: 'reply', id: req.id, ...r }),
      (err) => parentPort.postMessage({
        kind: 'failed', id: req.id, message: String(err && err.message || err),
        aborted: Boolean(aborts.get(req.id) && aborts.get(req.id).signal.aborted),
      }),
    ).finally(() => aborts.delete(req.id));
  });
  parentPort.postMessage({ kind: 'ready' });
})();
`;
