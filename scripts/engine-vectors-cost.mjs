// What the engine's stored vectors save per question and cost at ingestion, on this machine:
// one process, one embedder, the same chunks both ways. `npm run build` first, then
//   node scripts/engine-vectors-cost.mjs [corpus dir] [questions]
// Prints JSON: per question, the embedding the engine did before (grading texts and up to 48
// units) against what it does now (the question, plus unpacking the stored vectors); per chunk,
// ingestion's embedding before (the chunk) and now (the chunk and its engine texts).
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = (p) => require(resolve(import.meta.dirname, '..', 'dist', 'src', p));
const { chunkText } = dist('knowledge/chunking/index.js');
const { OnnxBgeEmbedder } = dist('knowledge/embeddings/onnx/onnx-bge-embedder.js');
const ev = dist('agent/extractive/engine-vectors.js');

const corpus = resolve(process.argv[2] ?? join('..', 'shared', 'corpus'));
const questions = Number(process.argv[3] ?? 6);
const PER_QUESTION = 16;
const dir = join(corpus, 'llm-universe', 'prompt_engineering');
const chunks = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .flatMap((f) => chunkText(readFileSync(join(dir, f), 'utf8'), { size: 500, overlap: 50 }))
  .map((text) => ({ text, headingPath: [] }))
  .slice(0, questions * PER_QUESTION);
const embedder = new OnnxBgeEmbedder({
  modelDir: join(homedir(), '.cache', 'quarry', 'models', 'bge-small-zh-v1.5'),
});
await embedder.embedDocuments(['预热']);

function timed(fn) {
  return async () => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const out = await fn();
    const used = process.cpuUsage(cpu);
    return { out, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
}
const sum = (rows, k) => rows.reduce((a, r) => a + r[k], 0);

// Ingestion: the chunks alone (before) and the engine texts besides (now).
const chunkEmbed = await timed(() => embedder.embedDocuments(chunks.map((c) => c.text)))();
const perChunk = chunks.map(ev.engineTextsOf);
const unique = [...new Set(perChunk.flat())].sort((a, b) => a.length - b.length);
const engineEmbed = await timed(() => embedder.embedDocuments(unique))();
const byText = new Map(unique.map((t, i) => [t, engineEmbed.out[i]]));
const stored = perChunk.map((texts) =>
  ev.packEngineVectors(
    embedder.modelId,
    texts,
    texts.map((t) => byText.get(t)),
  ),
);

// Per question: 16 chunks no earlier question retrieved (a cold per-worker cache).
const before = [];
const now = [];
for (let q = 0; q < questions; q++) {
  const question = `第${q + 1}个问题：提示工程的原则是什么？`;
  const mine = perChunk.slice(q * PER_QUESTION, (q + 1) * PER_QUESTION);
  const grading = mine.map((texts) => texts[0]);
  const units = mine.flatMap((texts) => texts.slice(1)).slice(0, 48);
  before.push(
    await timed(async () => {
      await embedder.embedDocuments([question, ...grading]);
      await embedder.embedDocuments([question, ...units]);
    })(),
  );
  now.push(
    await timed(async () => {
      await embedder.embedDocuments([question]);
      for (const s of stored.slice(q * PER_QUESTION, (q + 1) * PER_QUESTION))
        ev.unpackEngineVectors(s, embedder.modelId);
    })(),
  );
}
const storedBytes = stored.reduce((a, s) => a + s.data.length, 0);
console.log(
  JSON.stringify(
    {
      load: loadavg().map((x) => Math.round(x * 100) / 100),
      chunks: chunks.length,
      questions,
      per_question_before_ms: Math.round(sum(before, 'ms') / questions),
      per_question_now_ms: Math.round(sum(now, 'ms') / questions),
      per_question_before_cpu_ms: Math.round(sum(before, 'cpuMs') / questions),
      per_question_now_cpu_ms: Math.round(sum(now, 'cpuMs') / questions),
      ingest_embed_chunks_ms: Math.round(chunkEmbed.ms),
      ingest_embed_engine_texts_ms: Math.round(engineEmbed.ms),
      engine_texts_per_chunk: Math.round((unique.length / chunks.length) * 10) / 10,
      stored_base64_bytes_per_chunk: Math.round(storedBytes / chunks.length),
    },
    null,
    2,
  ),
);
process.exit(0);
