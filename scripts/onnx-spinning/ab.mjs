#!/usr/bin/env node
// ONNX Runtime's intra-op threads spinning between parallel sections (its default) against not
// spinning (Quarry's setting), for the embedding model: two sessions in one process, runs
// alternating so the machine's load hits both alike. Reports wall time and the process's CPU time
// per run (CPU time counts every thread, the spinning ones too).
//
//   npm run build && node scripts/onnx-spinning/ab.mjs [--batch 1] [--tokens 24] [--runs 40] [--rounds 6]
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const { loadConfig } = require('../../dist/src/config/config');
const { modelAssets } = require('../../dist/src/models/model-assets');
const { findEmbeddingModelFiles } = require('../../dist/src/stack/provision/existing-copies');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i > 0 ? process.argv[i + 1] : dflt);
};
const [batch, tokens, runs, rounds] = [
  arg('batch', 1),
  arg('tokens', 24),
  arg('runs', 40),
  arg('rounds', 6),
];

const files = await findEmbeddingModelFiles(modelAssets(loadConfig(process.env)).embeddingModelDir);
if ('missing' in files) throw new Error(`embedding model: ${files.missing}; run \`quarry setup\``);
const base = {
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};
const variants = {
  spinning: await ort.InferenceSession.create(files.onnx, base),
  'not spinning': await ort.InferenceSession.create(files.onnx, {
    ...base,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  }),
};
const n = batch * tokens;
const tensor = (fill) => new ort.Tensor('int64', new BigInt64Array(n).fill(fill), [batch, tokens]);
const feeds = { input_ids: tensor(100n), attention_mask: tensor(1n), token_type_ids: tensor(0n) };
const totals = Object.fromEntries(Object.keys(variants).map((k) => [k, { wall: 0, cpu: 0 }]));
const pause = () => new Promise((r) => setTimeout(r, 2)); // a query arrives, not a tight loop
for (const s of Object.values(variants)) await s.run(feeds);
const load = [loadavg()[0]];
for (let round = 0; round < rounds; round++) {
  const order = Object.keys(variants);
  if (round % 2) order.reverse();
  for (const name of order) {
    const cpu0 = process.cpuUsage();
    let wall = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await variants[name].run(feeds);
      wall += performance.now() - t0;
      await pause();
    }
    const cpu = process.cpuUsage(cpu0);
    totals[name].wall += wall;
    totals[name].cpu += (cpu.user + cpu.system) / 1000;
  }
  load.push(loadavg()[0]);
}
console.log(
  `batch ${batch} × ${tokens} tokens, ${rounds} rounds × ${runs} runs, load ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
);
console.log('threads | wall ms/run | CPU ms/run (incl. the pauses) ');
for (const [name, t] of Object.entries(totals))
  console.log(
    `${name} | ${(t.wall / rounds / runs).toFixed(1)} | ${(t.cpu / rounds / runs).toFixed(1)}`,
  );
